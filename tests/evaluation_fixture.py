"""An evaluation for programme.yml of the minimal fixture (which has none),
shared by the tests of the delivery records' PDFs and pages: two measures,
one restricted, given at two timepoints."""

EVALUATION_YAML = """evaluation:
  measures:
    - {id: confidence, title: "Cooking confidence scale", completed_by: each parent}
    - id: wellbeing
      title: "Wellbeing scale"
      completed_by: the cook
      restricted: true
      source: "Ask the course lead for the licensed copy."
  timepoints:
    - {id: start, contact: week-1, measures: [confidence, wellbeing]}
    - {id: end, title: "End of the course", contact: week-2, measures: [confidence]}
"""
