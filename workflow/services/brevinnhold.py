"""What every decision letter states (forvaltningsloven §§ 24–27): the rules applied, filled
in from the case (the plan year, the strategy and its focus area, the program's award
criteria, the phase's support intensity and the most it allows), the facts (what was applied
for, the approved cost base, what was granted) and the assessment behind the decision."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workflow import regler


@dataclass(frozen=True)
class Grunnlag:
    omsokt: int
    kostnader: int
    kostnadsgrunnlag: int | None
    innvilget: int | None
    stotteintensitet: int
    maks_belop: int | None
    fase: str
    strategi: object
    tildelingskriterier: str
    vurdering: str

    @property
    def delvis(self) -> bool:
        """A partial grant: less than applied for."""
        return bool(self.innvilget) and self.innvilget < self.omsokt


def grunnlag_for(sak, *, belop: int | None, pot=None) -> Grunnlag:
    soknad = sak.soknad
    program = soknad.program
    innstilling = getattr(sak, "innstilling", None)
    kostnader = regler.kostnadsgrunnlag_for(soknad)
    kostnadsgrunnlag = innstilling.kostnadsgrunnlag if innstilling else None
    pct = (innstilling.stotteintensitet if innstilling else None) or program.stotteintensitet_for(
        soknad.fase
    )
    base = kostnadsgrunnlag if kostnadsgrunnlag is not None else kostnader
    maks = int((Decimal(base) * pct / 100).to_integral_value(rounding=ROUND_HALF_UP))
    pot = pot or (innstilling.pot if innstilling else None)
    strategi = pot.strategi if pot is not None else soknad.foreslatt_strategi
    return Grunnlag(
        omsokt=regler.omsokt_belop(soknad),
        kostnader=kostnader,
        kostnadsgrunnlag=kostnadsgrunnlag,
        innvilget=belop,
        stotteintensitet=pct,
        maks_belop=maks if base else None,
        fase=soknad.get_fase_display() if soknad.fase else "",
        strategi=strategi,
        tildelingskriterier=regler.regler_for(program).tildelingskriterier,
        vurdering=innstilling.vurdering if innstilling else "",
    )
