class DocsModel:
    def __init__(self, drive, ids):
        pass
