"""Factories for every model. Pots are filled through the ledger service, never by hand."""

import datetime

import factory
from django.contrib.auth import get_user_model

from felles.roles import Rolle
from handlingsplan import models as hp


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruker {n}")
    password = factory.django.Password("passord-for-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        from felles.services import roles_ensure

        groups = roles_ensure()
        for role in extracted:
            self.groups.add(groups[str(role)])


def staff_user(role: Rolle, **kwargs):
    return UserFactory(roles=[role], **kwargs)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = hp.Program
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"program-{n}")
    navn = factory.Sequence(lambda n: f"Omstillingsprogram {n}")
    kommune = "Sel"
    start_ar = 2021
    slutt_ar = 2026
    arlig_ramme = 5_000_000
    mal_nye_arbeidsplasser = 180
    mal_sikrede_arbeidsplasser = 30


class HandlingsplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = hp.Handlingsplan

    program = factory.SubFactory(ProgramFactory)
    ar = 2021
    tittel = factory.LazyAttribute(lambda o: f"Handlingsplan {o.ar}")
    # Approved by the board, so its pots' money may be committed (a draft's may not);
    # `utkast=True` makes a draft.
    status = hp.Handlingsplan.Status.GODKJENT
    godkjent_dato = datetime.date(2021, 1, 15)
    godkjent_referanse = "Styremøte 1/2021"

    class Params:
        utkast = factory.Trait(
            status=hp.Handlingsplan.Status.UTKAST, godkjent_dato=None, godkjent_referanse=""
        )

    timekostnad = 500
    administrasjonsbudsjett = 400_000


class InnsatsomradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = hp.Innsatsomrade

    program = factory.SubFactory(ProgramFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    navn = factory.Sequence(lambda n: f"Innsatsområde {n + 1}")


class StrategiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = hp.Strategi

    handlingsplan = factory.SubFactory(HandlingsplanFactory)
    innsatsomrade = factory.SubFactory(
        InnsatsomradeFactory, program=factory.SelfAttribute("..handlingsplan.program")
    )
    bokstav = factory.Sequence(lambda n: f"{chr(65 + n % 26)}{n // 26 or ''}"[:2])
    navn = factory.Sequence(lambda n: f"Strategi {n}")
    budsjett = 100_000


class PotFactory(factory.django.DjangoModelFactory):
    """A pot filled with `fylt` kroner through pot_allocate (0 leaves it empty)."""

    class Meta:
        model = hp.Pot
        skip_postgeneration_save = True

    strategi = factory.SubFactory(StrategiFactory)

    @factory.post_generation
    def fylt(self, create, extracted, **kwargs):
        amount = self.strategi.budsjett if extracted is None else extracted
        if create and amount:
            from handlingsplan.services import pot_allocate

            pot_allocate(pot=self, amount=amount, reason="Fra handlingsplanen")
            self.refresh_from_db()
