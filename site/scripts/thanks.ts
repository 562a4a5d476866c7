/**
 * The end screens (`/s/<id>/thanks/…`): pipe the fields a personal link brought and the
 * answers the survey page kept (both by pipes.ts, for this tab) into their spans.
 */
import { fillAnswers, fillPipes, storedAnswers, storedFields } from "./pipes.ts";

const survey = location.pathname.split("/")[2];
if (survey) {
  fillPipes(storedFields(survey));
  fillAnswers(storedAnswers(survey));
}
