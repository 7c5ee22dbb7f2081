"""The panes of the library reader: many stories, read from SQLite a page at a time.

Nothing here imports the model or pydantic: a warm start reads rows
(:mod:`smareader.library.query`), and story text reaches the screen through
:func:`smareader.widgets.safe.safe_content` like everywhere else.
"""
