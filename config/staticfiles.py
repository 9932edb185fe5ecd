"""Static files storage for DEBUG off: hashed names and compression, served by whitenoise."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Like whitenoise's, but a CSS reference to a file that is not shipped stays as written.

    viewflow's bundled roboto-fontface CSS names font files that its package does not include;
    the strict storage then fails the whole collectstatic (and the image build). Those fonts
    are missing in development too, so leaving the reference unhashed changes nothing else.
    """

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is not None:
                raise
            return name
