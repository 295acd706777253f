"""``python -m decisionroom``: the same command line as ``decisionroom``."""

from decisionroom.cli import main

if __name__ == "__main__":
    main()
