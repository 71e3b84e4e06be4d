def examples_deck():
    pass


class DeckCase:
    pass
