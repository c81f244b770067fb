"""Forms parse and present input; the actions decide what is allowed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taskbook.taskbooks.models import Contact, MeasureStatus
from taskbook.uploads import max_upload_mb


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    deliverable = forms.CharField(label=_("Deliverable"), max_length=300, required=False)
    responsible = forms.ModelChoiceField(label=_("Responsible person"), queryset=Contact.objects.none())
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Contact.objects.none(), required=False)
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    due_date = forms.DateField(label=_("Due"), widget=DateInput())
    year = forms.IntegerField(
        label=_("Year (annual work plan)"), required=False, help_text=_("Empty: the year of the start date.")
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when an approved date or responsible person changes."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any person may be chosen here; the action refuses one of another unit with a clear message.
        contacts = Contact.objects.filter(unit=unit)
        for name in ("responsible", "deputy"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = contacts

    def measure_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("reason", "version"):
            data.pop(key, None)
        if not data.get("year"):
            data.pop("year", None)
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    reason = forms.CharField(label=_("Reason (needed to cancel)"), required=False)


class MilestoneForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("Description"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    evidence = forms.FileField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].label = _("Evidence (PDF, Word, Excel, image or text, up to %(mb)d MB)") % {
            "mb": max_upload_mb()
        }


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
