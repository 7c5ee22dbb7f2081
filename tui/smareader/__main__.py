"""Allow ``python -m smareader``."""

from smareader.cli import main

raise SystemExit(main())
