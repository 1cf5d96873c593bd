"""How big a file the product reads: the same limits for the upload page and the CLI.

A file over a limit is refused as a whole, before any row is validated, with the limit, what
was found and what to do. The upload page's own limit (``server.maxUploadSize`` in
``.streamlit/config.toml``) is ``MAX_FILE_MB``; a test keeps the two equal.
"""

from __future__ import annotations

from typing import Final

MAX_FILE_MB: Final = 20  # megabytes (10^6 bytes, as Streamlit counts them)
MAX_FILE_BYTES: Final = MAX_FILE_MB * 1_000_000
MAX_ROWS: Final = 250_000  # data rows; 100 000 is the largest file benchmarked
MAX_COLUMNS: Final = 100  # header cells; the contract has 20 columns
MAX_CELL_CHARS: Final = 10_000  # characters in one cell; the longest allowed text is 2 000
