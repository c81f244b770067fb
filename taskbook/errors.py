"""Errors that actions raise. Views turn them into a 4xx with the message; commands exit 2."""


class ActionError(ValueError):
    """The request cannot be carried out as asked; the message says why, for the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
