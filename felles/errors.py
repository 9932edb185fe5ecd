class DomainError(Exception):
    """A rule of the domain was broken. The message is meant for a person and is shown as is.

    `field` names the form field the error belongs to, where there is one.
    """

    def __init__(self, message, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self):
        return str(self.message)

    def add_to(self, form) -> None:
        """Show the error on `form`: on its field when the form has it, else above the form."""
        form.add_error(self.field if self.field in form.fields else None, self.message)
