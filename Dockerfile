# One image for every Python service in docker-compose.yml: web, worker, beat and migrate.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

# gettext: compilemessages turns config/locale's .po files into .mo during the build.
# Pango, HarfBuzz and a font: WeasyPrint renders decision letters and minutes as PDF with them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The pinned dependencies get their own layer, so a code change does not reinstall them.
# With only these two files the project has no packages yet: this installs its dependencies,
# and the code itself runs from /app (PYTHONPATH), next to its templates, data and manage.py.
COPY pyproject.toml constraints.txt ./
RUN pip install -c constraints.txt .

COPY . .

# Static files are collected into the image and served by whitenoise. The variables on this
# line exist only for this build step; a running container gets its own from compose.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-step-only ANYMAIL_WEBHOOK_SECRET=build:only \
        EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend \
        python manage.py collectstatic --noinput \
    && if [ -n "$(find . -name '*.po' -not -path './var/*' -print -quit)" ]; then \
        python manage.py compilemessages; \
    fi

RUN useradd --create-home --uid 1000 omstilling \
    && mkdir -p var/media var/celery \
    && chown -R omstilling:omstilling var
USER omstilling

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
