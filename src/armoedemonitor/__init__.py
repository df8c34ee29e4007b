"""armoedemonitor: measure and break intergenerational poverty in the Veenkoloniën."""

__version__ = "0.1.0"
