"""`python -m wizard` and the `seloste` console script."""

import sys


def main() -> None:
    if len(sys.argv) == 1 and sys.stdin.isatty() and sys.stdout.isatty():
        # `seloste` alone in a terminal: straight to the chat, without loading the command line's parser
        from wizard.tui import run_chat

        sys.exit(run_chat(None, None, tell=sys.stdout))
    from wizard.cli import run

    sys.exit(run(sys.argv[1:], whole_process=True))


if __name__ == "__main__":
    main()
