from django.contrib import admin

from handlingsplan import models

for model in (models.Program, models.Handlingsplan, models.Innsatsomrade, models.Strategi):
    admin.site.register(model)
