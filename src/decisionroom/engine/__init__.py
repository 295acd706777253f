"""Pure numeric MCDA on numpy arrays.

No domain objects and no I/O live here: the model layer turns a decision into
a :class:`~decisionroom.engine.problem.Problem` and reads the results back.
"""
