"""One module per `rasid` sub-command; each has `register(subparsers)` and sets `func` on its parser."""
