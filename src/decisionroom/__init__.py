"""decisionroom: model a client's decision, weigh the factors, get an explained ranking."""

__version__ = "0.1.0"
