// `handshake-lab lessons --check`: everything a lesson promises, verified against its real runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/loader.hpp"

namespace hl {

/// Checks one lesson of library: its run completes, its step anchors and predict questions name
/// steps of its runs (STARTTLS lessons also with starttls=off), its lesson: links name lessons,
/// a port lesson has at least 4 questions and every choice explains itself, and every RFC it
/// cites is in known_rfcs(), with the current RFC cited beside an obsoleted one.
/// Returns one file:line error per problem; empty when the lesson is sound.
std::vector<LessonError> check_lesson(const Lesson& lesson, const LessonLibrary& library);

/// The same checks for only the RFC citations in a lesson file's text (for tests and the loader).
std::vector<LessonError> check_rfc_citations(std::string_view text, const std::string& path);

}  // namespace hl
