"""Case handling becomes the workflow app's: the tables soknader kept for it are taken over
and renamed, with every row kept. A case (Sak, formerly Behandling) gets its own case number,
an explicit link to its flow process, and a constraint that it is about exactly one subject.
Generic references to the moved models (the flow's artifact, deadlines, e-mails) follow,
because their content types are renamed rather than replaced."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATE_OPS = [
    migrations.CreateModel(
    name='Behandlingsregler',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('beslutningsdyktig_antall', models.PositiveSmallIntegerField(blank=True, help_text='Tomt: et flertall av de habile medlemmene.', null=True, verbose_name='beslutningsdyktig med (antall stemmer)')),
        ('kontrollfrist_dager', models.PositiveSmallIntegerField(default=14, verbose_name='frist for kompletthetskontroll (dager)')),
        ('vurderingsfrist_dager', models.PositiveSmallIntegerField(default=30, verbose_name='frist for vurdering (dager)')),
        ('svarfrist_dager', models.PositiveSmallIntegerField(default=14, verbose_name='søkers svarfrist (dager)')),
        ('stemmefrist_dager', models.PositiveSmallIntegerField(default=14, verbose_name='frist for å stemme (dager)')),
        ('program', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='behandlingsregler', to='handlingsplan.program')),
        ('nestleder', models.ForeignKey(blank=True, help_text='Settestyreleder i saker der styreleder er inhabil. Er nestlederen også inhabil, eller ikke satt, leder det habile styremedlemmet som først erklærte seg habilt.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='nestleder')),
    ],
    options={
        'verbose_name': 'regler for saksbehandling',
        'verbose_name_plural': 'regler for saksbehandling',
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_behandlingsregler',
    },
),
    migrations.CreateModel(
    name='Mote',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('dato', models.DateField(verbose_name='dato')),
        ('sted', models.CharField(blank=True, max_length=200, verbose_name='sted')),
        ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moter', to='handlingsplan.program')),
    ],
    options={
        'verbose_name': 'styremøte',
        'verbose_name_plural': 'styremøter',
        'ordering': ['dato', 'id'],
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_mote',
    },
),
    migrations.CreateModel(
    name='Behandling',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('status', models.CharField(choices=[('kontroll', 'Kompletthetskontroll'), ('venter_svar', 'Venter på svar fra søker'), ('vurdering', 'Vurdering og innstilling'), ('til_vedtak', 'Til vedtak hos programleder'), ('styret', 'Til behandling i styret'), ('venter_aksept', 'Innvilget, venter på aksept'), ('akseptert', 'Innvilget og akseptert'), ('avslatt', 'Avslått'), ('bortfalt', 'Tilsagnet falt bort'), ('trukket', 'Trukket av søker'), ('avbrutt', 'Avsluttet av programleder')], default='kontroll', max_length=20, verbose_name='status')),
        ('organ', models.CharField(blank=True, choices=[('programleder', 'Programleder (delegert)'), ('styret', 'Styret')], max_length=20, verbose_name='besluttes av')),
        ('stemmefrist', models.DateTimeField(blank=True, null=True, verbose_name='frist for å stemme')),
        ('opprettet', models.DateTimeField(auto_now_add=True, verbose_name='opprettet')),
        ('avsluttet', models.DateTimeField(blank=True, null=True, verbose_name='avsluttet')),
        ('programleder', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
        ('soknad', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='behandling', to='soknader.soknad')),
        ('mote', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='saker', to='workflow.mote')),
    ],
    options={
        'verbose_name': 'saksbehandling',
        'verbose_name_plural': 'saksbehandlinger',
        'ordering': ['-opprettet', '-id'],
        'indexes': [models.Index(fields=['status'], name='soknader_be_status_9c3ef6_idx')],
        'constraints': [],
        'db_table': 'soknader_behandling',
    },
),
    migrations.CreateModel(
    name='Opplysningskrav',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('sporsmal', models.TextField(verbose_name='hva som mangler')),
        ('frist', models.DateTimeField(verbose_name='svarfrist')),
        ('svar', models.TextField(blank=True, verbose_name='svar')),
        ('besvart', models.DateTimeField(blank=True, null=True, verbose_name='besvart')),
        ('opprettet', models.DateTimeField(auto_now_add=True, verbose_name='sendt')),
        ('behandling', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opplysningskrav', to='workflow.behandling')),
        ('opprettet_av', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
    ],
    options={
        'verbose_name': 'forespørsel om opplysninger',
        'verbose_name_plural': 'forespørsler om opplysninger',
        'ordering': ['opprettet', 'id'],
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_opplysningskrav',
    },
),
    migrations.CreateModel(
    name='Innstilling',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('vurdering', models.TextField(verbose_name='vurdering mot tildelingskriteriene')),
        ('anbefaling', models.CharField(choices=[('innvilge', 'Innvilge'), ('avsla', 'Avslå')], max_length=10, verbose_name='anbefaling')),
        ('belop', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='beløp (kr)')),
        ('vilkar', models.TextField(blank=True, verbose_name='vilkår')),
        ('startdato', models.DateField(blank=True, null=True, verbose_name='prosjektstart')),
        ('sluttdato', models.DateField(blank=True, null=True, verbose_name='prosjektslutt')),
        ('rapportering', models.TextField(blank=True, verbose_name='rapportering')),
        ('utbetaling', models.TextField(blank=True, verbose_name='utbetalingsvilkår')),
        ('nye_arbeidsplasser', models.PositiveIntegerField(default=0, verbose_name='forventede nye arbeidsplasser')),
        ('sikrede_arbeidsplasser', models.PositiveIntegerField(default=0, verbose_name='forventede sikrede arbeidsplasser')),
        ('bagatellmessig', models.BooleanField(default=True, verbose_name='bagatellmessig støtte')),
        ('bagatell_vurdering', models.TextField(blank=True, verbose_name='vurdering av bagatellmessig støtte')),
        ('begrunnelse', models.TextField(verbose_name='begrunnelse (står i brevet)')),
        ('til_styret', models.BooleanField(default=False, verbose_name='legg saken fram for styret')),
        ('endret', models.DateTimeField(auto_now=True, verbose_name='endret')),
        ('behandling', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='innstilling', to='workflow.behandling')),
        ('delmal', models.ManyToManyField(blank=True, related_name='+', to='handlingsplan.delmal', verbose_name='delmål')),
        ('laget_av', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
        ('pot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='handlingsplan.pot', verbose_name='pott')),
    ],
    options={
        'verbose_name': 'innstilling',
        'verbose_name_plural': 'innstillinger',
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_innstilling',
    },
),
    migrations.CreateModel(
    name='Habilitet',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('grunner', models.JSONField(blank=True, default=list, verbose_name='grunner etter § 6 første ledd')),
        ('andre_forhold', models.TextField(blank=True, verbose_name='andre særegne forhold (§ 6 annet ledd)')),
        ('inhabil', models.BooleanField(verbose_name='inhabil')),
        ('erklart', models.DateTimeField(auto_now_add=True, verbose_name='erklært')),
        ('behandling', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='habilitet', to='workflow.behandling')),
        ('medlem', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
    ],
    options={
        'verbose_name': 'habilitetserklæring',
        'verbose_name_plural': 'habilitetserklæringer',
        'constraints': [models.UniqueConstraint(fields=('behandling', 'medlem'), name='habilitet_en_per_medlem')],
        'indexes': [],
        'db_table': 'soknader_habilitet',
    },
),
    migrations.CreateModel(
    name='Stemme',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('valg', models.CharField(choices=[('for', 'For innstillingen'), ('mot', 'Mot innstillingen'), ('avstar', 'Avstår')], max_length=10, verbose_name='stemme')),
        ('kommentar', models.TextField(blank=True, verbose_name='kommentar')),
        ('avgitt', models.DateTimeField(auto_now_add=True, verbose_name='avgitt')),
        ('behandling', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stemmer', to='workflow.behandling')),
        ('medlem', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
    ],
    options={
        'verbose_name': 'stemme',
        'verbose_name_plural': 'stemmer',
        'ordering': ['avgitt', 'id'],
        'indexes': [],
        'constraints': [models.UniqueConstraint(fields=('behandling', 'medlem'), name='stemme_en_per_medlem')],
        'db_table': 'soknader_stemme',
    },
),
    migrations.CreateModel(
    name='Vedtak',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('utfall', models.CharField(choices=[('innvilget', 'Innvilget'), ('avslatt', 'Avslått')], max_length=10, verbose_name='utfall')),
        ('organ', models.CharField(choices=[('programleder', 'Programleder (delegert)'), ('styret', 'Styret')], max_length=20, verbose_name='vedtatt av')),
        ('belop', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='beløp (kr)')),
        ('vilkar', models.TextField(blank=True, verbose_name='vilkår')),
        ('begrunnelse', models.TextField(verbose_name='begrunnelse')),
        ('endringsbegrunnelse', models.TextField(blank=True, verbose_name='begrunnelse for endring fra innstillingen')),
        ('stemmer_for', models.PositiveSmallIntegerField(default=0)),
        ('stemmer_mot', models.PositiveSmallIntegerField(default=0)),
        ('stemmer_avstar', models.PositiveSmallIntegerField(default=0)),
        ('avgjort_ved_leders_stemme', models.BooleanField(default=False)),
        ('referanse', models.CharField(max_length=40, unique=True, verbose_name='vedtaksreferanse')),
        ('vedtatt', models.DateTimeField(auto_now_add=True, verbose_name='vedtatt')),
        ('behandling', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='vedtak', to='workflow.behandling')),
        ('vedtatt_av', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
        ('bekreftet_som', models.CharField(blank=True, choices=[('styreleder', 'styreleder'), ('settestyreleder', 'settestyreleder')], max_length=20, verbose_name='bekreftet som')),
    ],
    options={
        'verbose_name': 'vedtak',
        'verbose_name_plural': 'vedtak',
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_vedtak',
    },
),
    migrations.CreateModel(
    name='Tilsagn',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('belop', models.PositiveBigIntegerField(verbose_name='beløp (kr)')),
        ('akseptfrist', models.DateTimeField(verbose_name='frist for aksept')),
        ('status', models.CharField(choices=[('venter_aksept', 'Venter på aksept'), ('akseptert', 'Akseptert'), ('bortfalt', 'Falt bort'), ('trukket', 'Trukket'), ('avbrutt', 'Avbrutt')], default='venter_aksept', max_length=20, verbose_name='status')),
        ('akseptert', models.DateTimeField(blank=True, null=True, verbose_name='akseptert')),
        ('akseptert_av', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
        ('forpliktelse', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='tilsagn', to='handlingsplan.forpliktelse')),
        ('vedtak', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='tilsagn', to='workflow.vedtak')),
    ],
    options={
        'verbose_name': 'tilsagn',
        'verbose_name_plural': 'tilsagn',
        'indexes': [models.Index(condition=models.Q(('status', 'venter_aksept')), fields=['akseptfrist'], name='tilsagn_venter_aksept')],
        'constraints': [],
        'db_table': 'soknader_tilsagn',
    },
),
    migrations.CreateModel(
    name='Brev',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('type', models.CharField(choices=[('tilsagnsbrev', 'Tilsagnsbrev'), ('avslagsbrev', 'Avslagsbrev')], max_length=20, verbose_name='type')),
        ('sprak', models.CharField(max_length=2, verbose_name='språk')),
        ('filnavn', models.CharField(max_length=200, verbose_name='filnavn')),
        ('pdf', models.BinaryField(verbose_name='PDF')),
        ('laget', models.DateTimeField(auto_now_add=True, verbose_name='laget')),
        ('behandling', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='brev', to='workflow.behandling')),
    ],
    options={
        'verbose_name': 'brev',
        'verbose_name_plural': 'brev',
        'ordering': ['laget', 'id'],
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_brev',
    },
),
    migrations.CreateModel(
    name='Sakshendelse',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('type', models.CharField(choices=[('startet', 'Saksbehandling startet'), ('komplett', 'Søknaden er komplett'), ('opplysninger_bedt', 'Søker bedt om opplysninger'), ('svar_mottatt', 'Svar fra søker mottatt'), ('svarfrist_ute', 'Svarfristen gikk ut'), ('svarfrist_forlenget', 'Svarfristen forlenget'), ('innstilling', 'Innstilling skrevet'), ('unntak', 'Unntak fra offentlighet endret'), ('til_styret', 'Lagt fram for styret'), ('delegert', 'Til vedtak hos programleder (delegert)'), ('saksliste', 'Satt på sakslisten til styremøte'), ('habilitet', 'Habilitet erklært'), ('inhabil', 'Medlem inhabil'), ('stemme', 'Stemme avgitt'), ('vedtak', 'Vedtak fattet'), ('brev', 'Brev sendt'), ('akseptert', 'Tilsagn akseptert'), ('bortfalt', 'Tilsagn falt bort'), ('trukket', 'Trukket av søker'), ('avbrutt', 'Avsluttet av programleder')], max_length=30, verbose_name='type')),
        ('tidspunkt', models.DateTimeField(auto_now_add=True, verbose_name='tidspunkt')),
        ('tekst', models.TextField(blank=True, verbose_name='tekst')),
        ('behandling', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hendelser', to='workflow.behandling')),
        ('utfort_av', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
    ],
    options={
        'verbose_name': 'sakshendelse',
        'verbose_name_plural': 'sakshendelser',
        'ordering': ['tidspunkt', 'id'],
        'indexes': [],
        'constraints': [],
        'db_table': 'soknader_sakshendelse',
    },
),
    migrations.CreateModel(
    name='Unntak',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('felt', models.CharField(blank=True, choices=[('kort_beskrivelse', 'Kort beskrivelse'), ('bakgrunn', 'Bakgrunn'), ('mal', 'Mål (hovedmål og delmål)'), ('forankring', 'Forankring'), ('organisering', 'Organisering av prosjektet'), ('aktiviteter', 'Aktiviteter'), ('kostnader', 'Kostnadsplan'), ('finansiering', 'Finansieringsplan')], max_length=20, verbose_name='felt')),
        ('hjemmel', models.CharField(default='offentleglova § 13, jf. forvaltningsloven § 13 første ledd nr. 2', max_length=300, verbose_name='hjemmel')),
        ('merket', models.DateTimeField(auto_now_add=True, verbose_name='merket')),
        ('merket_av', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
        ('soknad', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unntak', to='soknader.soknad')),
        ('vedlegg', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='unntak', to='soknader.vedlegg', verbose_name='vedlegg')),
    ],
    options={
        'verbose_name': 'unntak fra offentlighet',
        'verbose_name_plural': 'unntak fra offentlighet',
        'ordering': ['id'],
        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('felt', ''), ('vedlegg__isnull', False)), models.Q(models.Q(('felt', ''), _negated=True), ('vedlegg__isnull', True)), _connector='OR'), name='unntak_felt_eller_vedlegg'), models.UniqueConstraint(condition=models.Q(('felt', ''), _negated=True), fields=('soknad', 'felt'), name='unntak_ett_per_felt'), models.UniqueConstraint(condition=models.Q(('vedlegg__isnull', False)), fields=('vedlegg',), name='unntak_ett_per_vedlegg')],
        'indexes': [],
        'db_table': 'soknader_unntak',
    },
),
]


CHILDREN_WITH_CASE = [
    "opplysningskrav",
    "innstilling",
    "habilitet",
    "stemme",
    "vedtak",
    "brev",
    "hendelse",
]
MODELS = {
    "behandlingsregler": "behandlingsregler",
    "mote": "mote",
    "behandling": "sak",
    "opplysningskrav": "opplysningskrav",
    "innstilling": "innstilling",
    "habilitet": "habilitet",
    "stemme": "stemme",
    "vedtak": "vedtak",
    "tilsagn": "tilsagn",
    "brev": "brev",
    "sakshendelse": "hendelse",
    "unntak": "unntak",
}


def content_types_follow(apps, schema_editor):
    """Rename the moved models' content types, so rows that point to them generically keep
    pointing at the same objects."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in MODELS.items():
        if ContentType.objects.filter(app_label="soknader", model=old).exists():
            # A content type the new model got before this ran points to nothing yet.
            ContentType.objects.filter(app_label="workflow", model=new).delete()
            ContentType.objects.filter(app_label="soknader", model=old).update(
                app_label="workflow", model=new
            )


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in MODELS.items():
        ContentType.objects.filter(app_label="workflow", model=new).update(
            app_label="soknader", model=old
        )


def saksnummer_copy(apps, schema_editor):
    Sak = apps.get_model("workflow", "Sak")
    for sak in Sak.objects.select_related("soknad").only("pk", "soknad__saksnummer"):
        Sak.objects.filter(pk=sak.pk).update(saksnummer=sak.soknad.saksnummer)


def prosess_link(apps, schema_editor):
    Sak = apps.get_model("workflow", "Sak")
    Process = apps.get_model("viewflow", "Process")
    ContentType = apps.get_model("contenttypes", "ContentType")
    sak_type = ContentType.objects.filter(app_label="workflow", model="sak").first()
    if sak_type is None:
        return
    for process in Process.objects.filter(artifact_content_type=sak_type).only(
        "pk", "artifact_object_id"
    ):
        Sak.objects.filter(pk=process.artifact_object_id, prosess__isnull=True).update(
            prosess=process.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("soknader", "0008_saksbehandling_til_workflow"),
        ("handlingsplan", "0004_faseinnstilling"),
        ("viewflow", "0015_task_scheduled"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPS, database_operations=[]),
        # Constraints naming the renamed field go first (SQLite rebuilds tables on renames).
        migrations.RemoveConstraint(model_name="habilitet", name="habilitet_en_per_medlem"),
        migrations.RemoveConstraint(model_name="stemme", name="stemme_en_per_medlem"),
        migrations.RenameModel(old_name="Behandling", new_name="Sak"),
        migrations.RenameModel(old_name="Sakshendelse", new_name="Hendelse"),
        *[
            migrations.RenameField(model_name=name, old_name="behandling", new_name="sak")
            for name in CHILDREN_WITH_CASE
        ],
        *[migrations.AlterModelTable(name=new, table=None) for new in MODELS.values()],
        migrations.RunPython(content_types_follow, content_types_back),
        migrations.AddConstraint(
            model_name="habilitet",
            constraint=models.UniqueConstraint(
                fields=("sak", "medlem"), name="habilitet_en_per_medlem"
            ),
        ),
        migrations.AddConstraint(
            model_name="stemme",
            constraint=models.UniqueConstraint(fields=("sak", "medlem"), name="stemme_en_per_medlem"),
        ),
        migrations.RenameIndex(
            model_name="sak",
            new_name="workflow_sa_status_ffc50a_idx",
            old_name="soknader_be_status_9c3ef6_idx",
        ),
        migrations.AlterModelOptions(
            name="hendelse",
            options={
                "ordering": ["tidspunkt", "id"],
                "verbose_name": "hendelse i saken",
                "verbose_name_plural": "hendelser i saken",
            },
        ),
        migrations.AlterModelOptions(
            name="sak",
            options={
                "ordering": ["-opprettet", "-id"],
                "verbose_name": "sak",
                "verbose_name_plural": "saker",
            },
        ),
        migrations.AlterField(
            model_name="sak",
            name="soknad",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sak",
                to="soknader.soknad",
                verbose_name="søknad",
            ),
        ),
        migrations.AddField(
            model_name="sak",
            name="saksnummer",
            field=models.CharField(max_length=20, null=True, verbose_name="saksnummer"),
        ),
        migrations.RunPython(saksnummer_copy, migrations.RunPython.noop),
        migrations.AddField(
            model_name="sak",
            name="prosess",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="sak_for_prosess",
                to="viewflow.process",
                verbose_name="prosess",
            ),
        ),
        migrations.RunPython(prosess_link, migrations.RunPython.noop),
    ]
