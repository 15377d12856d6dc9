"""``python -m insiders`` runs the same CLI as the ``insiders`` command."""

from ._entry import main

if __name__ == "__main__":
    main()
