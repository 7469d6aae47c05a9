"""`python -m wizard` and the `seloste` console script."""

import sys


def main() -> None:
    from wizard.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
