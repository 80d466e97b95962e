"""The retro-planning: working-day calendars (:mod:`.calendar`), the backward scheduler
(:mod:`.scheduler`), its .ics export (:mod:`.ics`), and its Gantt chart and editable table
(:mod:`.gantt`)."""
