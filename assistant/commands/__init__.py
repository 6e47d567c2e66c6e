"""Sub-commands of `assistant`; each module defines `register(subparsers)`."""
