"""What every section reads first: the program and its years."""

from handlingsplan.models import Program


def gjeldende_program(slug: str = "") -> Program | None:
    """The program asked for by its short name, or the newest program."""
    programmer = Program.objects.order_by("-start_ar", "id")
    if slug:
        valgt = programmer.filter(slug=slug).first()
        if valgt is not None:
            return valgt
    return programmer.first()


def programmets_ar(program: Program) -> list[int]:
    return list(range(program.start_ar, program.slutt_ar + 1))
