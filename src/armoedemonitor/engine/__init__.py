"""The indicator engine: Ibis expressions over the canonical microdata (docs/spec/indicators.md).

``context`` holds the parameters and input tables, ``blocks`` the building blocks
(household-years and person-years with in-scope, equivalence factor and low income),
``regions`` the region levels, ``results`` the tidy results schema. Each indicator family
is one module exposing ``indicators(ctx)``; ``run.compute`` runs them all.
"""
