from agenda.errors import DiaoduError


class StoreError(DiaoduError):
    """The data folder cannot be used as it is; the message names the file and what to do."""
