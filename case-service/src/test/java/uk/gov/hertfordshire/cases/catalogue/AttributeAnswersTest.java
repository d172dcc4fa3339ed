package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers to a service's questions: each refusal beside the same answers with the one value
 * changed, which pass.
 */
class AttributeAnswersTest {

    static final List<ServiceAttribute> QUESTIONS =
            List.of(
                    new ServiceAttribute(
                            "where",
                            AttributeDatatype.SINGLEVALUELIST,
                            true,
                            "Where is the pothole?",
                            1,
                            List.of(
                                    new AllowedValue("road", "On the road"),
                                    new AllowedValue("pavement", "On the pavement"),
                                    new AllowedValue("cycle-lane", "In a cycle lane"))),
                    new ServiceAttribute(
                            "blocking",
                            AttributeDatatype.MULTIVALUELIST,
                            false,
                            "What is it blocking?",
                            2,
                            List.of(
                                    new AllowedValue("road", "The road"),
                                    new AllowedValue("pavement", "The pavement"),
                                    new AllowedValue("sign", "A sign"))),
                    new ServiceAttribute(
                            "column_number",
                            AttributeDatatype.STRING,
                            false,
                            "Column?",
                            3,
                            List.of()),
                    new ServiceAttribute(
                            "distance_miles",
                            AttributeDatatype.NUMBER,
                            false,
                            "How far?",
                            4,
                            List.of()),
                    new ServiceAttribute(
                            "start_date",
                            AttributeDatatype.DATETIME,
                            false,
                            "From when?",
                            5,
                            List.of()),
                    new ServiceAttribute(
                            "notes",
                            AttributeDatatype.TEXT,
                            false,
                            "Anything else?",
                            6,
                            List.of()));

    @Test
    void completeAnswersPass() {
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers(
                                        "where", List.of("cycle-lane"),
                                        "blocking", List.of("road", "sign"),
                                        "column_number", List.of("HL 042"),
                                        "distance_miles", List.of("2.5"),
                                        "start_date", List.of("2026-09-01T08:30:00+01:00"),
                                        "notes", List.of("Near the school gate.\nDeep."))))
                .isEmpty();
    }

    @Test
    void aRequiredQuestionUnansweredIsNamedBesideTheSameWithItsAnswer() {
        assertThat(AttributeAnswers.check(QUESTIONS, answers("column_number", List.of("7"))))
                .containsExactly(new FieldProblem("where", "is required: Where is the pothole?"));
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers("column_number", List.of("7"), "where", List.of("road"))))
                .isEmpty();
    }

    @Test
    void aBlankAnswerOrNoAnswersAtAllLeaveARequiredQuestionUnanswered() {
        assertThat(AttributeAnswers.check(QUESTIONS, answers("where", List.of("  "))))
                .extracting(FieldProblem::field)
                .containsExactly("where");
        assertThat(AttributeAnswers.check(QUESTIONS, null))
                .extracting(FieldProblem::field)
                .containsExactly("where");
        assertThat(AttributeAnswers.check(QUESTIONS, answers("where", List.of("road")))).isEmpty();
    }

    @Test
    void aQuestionTheServiceDoesNotAskIsRefusedBesideTheSameAnswersWithoutIt() {
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers("where", List.of("road"), "colour", List.of("red"))))
                .containsExactly(new FieldProblem("colour", "is not a question of this service"));
        assertThat(AttributeAnswers.check(QUESTIONS, answers("where", List.of("road")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: ''{1}'' refused, ''{2}'' accepted")
    @CsvSource(
            delimiter = '|',
            value = {
                "where          | motorway                   | pavement",
                "where          | Road                       | road",
                "distance_miles | twelve                     | 12",
                "distance_miles | 1e5                        | 100000",
                "distance_miles | 1,5                        | -1.5",
                "start_date     | 2026-09-01                 | 2026-09-01T00:00:00Z",
                "start_date     | 2026-02-30T08:00:00Z       | 2026-02-28T08:00:00Z",
                "start_date     | 2026-09-01T08:30:00        | 2026-09-01T08:30:00+01:00",
                "blocking       | bridge                     | sign",
            })
    void aValueOfTheWrongKindIsNamedBesideOneOfTheRightKind(
            String attribute, String refused, String accepted) {
        List<FieldProblem> problems =
                AttributeAnswers.check(
                        QUESTIONS,
                        answers("where", List.of("road"), attribute, List.of(refused.strip())));
        List<FieldProblem> none =
                AttributeAnswers.check(
                        QUESTIONS,
                        answers("where", List.of("road"), attribute, List.of(accepted.strip())));

        assertThat(problems).extracting(FieldProblem::field).containsExactly(attribute);
        assertThat(none).isEmpty();
    }

    @Test
    void aSingleValuedQuestionTakesOneAnswerAndAMultiValuedOneEachValueOnce() {
        assertThat(AttributeAnswers.check(QUESTIONS, answers("where", List.of("road", "pavement"))))
                .containsExactly(new FieldProblem("where", "takes one answer, not 2"));
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers(
                                        "where",
                                        List.of("road"),
                                        "blocking",
                                        List.of("road", "road"))))
                .containsExactly(new FieldProblem("blocking", "'road' is given more than once"));
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers(
                                        "where",
                                        List.of("road"),
                                        "blocking",
                                        List.of("road", "pavement"))))
                .isEmpty();
    }

    @Test
    void aStringAnswerIsOneLineOfAtMost250Characters() {
        assertThat(check("column_number", "x".repeat(251)))
                .extracting(FieldProblem::field)
                .containsExactly("column_number");
        assertThat(check("column_number", "HL\n042"))
                .extracting(FieldProblem::field)
                .containsExactly("column_number");
        assertThat(check("column_number", "x".repeat(250))).isEmpty();
        assertThat(check("notes", "two\nlines")).isEmpty();
        assertThat(check("notes", "x".repeat(2001)))
                .extracting(FieldProblem::field)
                .containsExactly("notes");
    }

    @Test
    void theProblemsOfSeveralAnswersComeTogetherInQuestionOrder() {
        assertThat(
                        AttributeAnswers.check(
                                QUESTIONS,
                                answers(
                                        "nickname", List.of("x"),
                                        "distance_miles", List.of("far"),
                                        "blocking", List.of("moat"))))
                .extracting(FieldProblem::field)
                .containsExactly("where", "blocking", "distance_miles", "nickname");
    }

    private static List<FieldProblem> check(String attribute, String value) {
        return AttributeAnswers.check(
                QUESTIONS, answers("where", List.of("road"), attribute, List.of(value)));
    }

    private static Map<String, List<String>> answers(Object... pairs) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[i + 1];
            answers.put((String) pairs[i], values);
        }
        return answers;
    }
}
