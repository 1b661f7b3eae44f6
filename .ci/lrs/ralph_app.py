"""Ralph's API with its file-system backend appending to one file.

The fs backend's default operation is "create", which stores only the first batch
of statements; the test LRS needs every statement kept, hence "append".
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402

__all__ = ["app"]
