"""The injection cases are not vacuous: the scripted model really obeys every injection that reaches
its prompt, never one that must be filtered out, and the guard's feedback loop is what cleans the
docile model's text."""

from __future__ import annotations

from assistant.drafting import MemoryRetriever, draft_report
from assistant.evals import load_suite
from assistant.evals.injection import run_case, scripted_backend
from assistant.evals.scripted import GullibleChat, section_of

SUITE = load_suite()


def test_the_model_obeys_exactly_the_injections_that_reach_it():
    for case in SUITE.injection:
        models: list[GullibleChat] = []

        def backend(c, base, models=models):
            writer = scripted_backend(c, base)
            models.append(writer.model)
            return writer

        run_case(case, backend)
        obeyed = models[0].obeyed
        assert (case.section in obeyed) == case.reaches_prompt, case.id


def test_docile_model_is_cleaned_by_the_regeneration_loop():
    case = next(c for c in SUITE.injection if not c.stubborn)
    models: list[GullibleChat] = []
    bases: list[dict[str, str]] = []

    def backend(c, base):
        writer = scripted_backend(c, base)
        models.append(writer.model)
        bases.append(base)
        return writer

    assert run_case(case, backend) == []
    assert models[0].obeyed == [case.section]  # it obeyed once …
    draft = draft_report(
        case.facts, case.previous, backend=backend(case, bases[0]), retriever=MemoryRetriever(case.exemplars)
    )
    section = draft.sections[case.section]
    assert section.attempts == 2 and case.markers[0] in section.history[0]  # … and was corrected
    assert case.markers[0] not in section.text


def test_section_of_reads_the_drafting_prompt():
    assert section_of("请起草“六、其他需要报告的事项”部分。") == "s6_other"
    assert section_of("无关的文字") == ""
