// A lesson's Markdown body as HTML for a page that stands alone (the handout): md4c's own HTML
// renderer, with nothing in the result that loads or links outside the page.
#pragma once

#include <string>

#include "core/lessons/lesson.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// The body as HTML. Raw HTML in the Markdown is shown as text. A heading's {step=REF} becomes
/// a link to the first step of transcript it names ("#step-N"; dropped when none does); every
/// other link becomes plain text followed by its target in brackets, an image its alt text.
std::string lesson_body_html(const Lesson& lesson, const Transcript& transcript);

}  // namespace hl
