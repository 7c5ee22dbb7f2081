"""Review: a person turns a drafted story into a trusted one.

:class:`~smareader.review.session.Review` holds the draft being edited, every edit
with undo and redo, a journal of unsaved edits beside the file, and a save that
validates first, keeps a ``.bak`` and never overwrites a file changed on disk. It
knows nothing of Textual: the reader's review mode drives it, and so do the tests.
"""

from smareader.review.session import (
    Change,
    ChangedOnDisk,
    Edit,
    Journal,
    Review,
    ReviewError,
    SaveRefused,
)

__all__ = ["Change", "ChangedOnDisk", "Edit", "Journal", "Review", "ReviewError", "SaveRefused"]
