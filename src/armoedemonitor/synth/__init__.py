"""Synthetic population of Groningen and Drenthe in the canonical microdata schema.

Outside the CBS secure environment everything (demo, tests, benchmarks, training) runs
on this population: a generative model of families over generations, incomes, wealth
and debt restructuring, calibrated to the published figures for the Veenkoloniën.
"""
