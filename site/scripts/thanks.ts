/** The thank-you page: pipes the fields a personal link brought (kept by pipes.ts for this tab) into `[data-pipe]` spans. */
import { fillPipes, storedFields } from "./pipes.ts";

const survey = location.pathname.split("/")[2];
if (survey) fillPipes(storedFields(survey));
