"""``python -m kg``: the same as the ``kg`` command."""

from kg.commands import main

if __name__ == "__main__":
    main(prog_name="kg")
