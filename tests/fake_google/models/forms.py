class FormsModel:
    def __init__(self, drive, ids):
        pass
