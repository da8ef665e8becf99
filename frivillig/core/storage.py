from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, remembering each name's URL.

    Collected files do not change while a process runs, and every page asks for the same dozen URLs.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._url_memo: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._url_memo[name]
        except KeyError:
            url = self._url_memo[name] = super().url(name)
            return url
