"""The shapes of the people forms. The actions check the content (lengths, addresses, who may);
these only give the fields, their labels and their choices."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taskbook.accounts.models import Language, language_of
from taskbook.notifications.delivery import site_url
from taskbook.notifications.models import EVENT_KINDS
from taskbook.orgs.models import Role, Unit


class UnitRoleForm(forms.Form):
    """A form with a `unit` and a `role` field, offering only the units and roles the acting person
    may give (`units`, `roles`)."""

    def __init__(self, *args, units=None, roles=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        if roles is not None:
            self.fields["role"].choices = roles  # type: ignore[attr-defined]


class PersonForm(UnitRoleForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=pgettext_lazy("person", "Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=_("Language of their e-mail"),
        choices=[("", _("the site's language")), *Language.choices],
        required=False,
    )
    invite = forms.BooleanField(label=_("Send the invitation now"), required=False, initial=True)


class GrantForm(UnitRoleForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=pgettext_lazy("person", "Role"), choices=Role.choices)


class DetailsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("the site's language")), *Language.choices], required=False
    )


class EmailPreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label=_("E-mail me when"),
        choices=[(kind.value, kind.label) for kind in EVENT_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ResetForm(PasswordResetForm):
    """Django's reset form, writing to each person in their own language, with links to SITE_URL.
    Like Django's, it says the same whether or not the address belongs to someone."""

    def send_mail(  # type: ignore[no-untyped-def]
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        with translation.override(language_of(context["user"])):
            context = {**context, "site": site_url()}
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        send_mail(subject, body, from_email, [to_email])
