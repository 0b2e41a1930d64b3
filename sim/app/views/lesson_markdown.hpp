// Draws a lesson's document model (core/lessons/markdown.hpp) with Dear ImGui: wrapped
// styled text, headings, lists, code blocks, tables and clickable links.
#pragma once

#include <string>

#include "core/lessons/markdown.hpp"

namespace hl::app {

/// Which blocks to draw: those whose anchor equals `anchor` (-1: the always-shown text).
struct BlockFilter {
  int anchor = -1;
};

/// Link decorations: a short mark drawn after each lesson link (progress), by lesson id.
using LinkMark = std::string (*)(const std::string& lesson_id, const void* user);

/// Draws the blocks that pass filter; skip_title leaves out a level-1 heading that opens the
/// document (the pane shows the front matter's title). Returns the link clicked this frame, or "".
std::string draw_document(const Document& doc, BlockFilter filter, LinkMark mark = nullptr, const void* user = nullptr,
                          bool skip_title = false);

/// Draws one block whatever its anchor. Returns the clicked link or "".
std::string draw_block(const Block& block, LinkMark mark = nullptr, const void* user = nullptr);

/// Draws one run of spans, wrapped at the current content width. Returns the clicked link or "".
std::string draw_spans(const std::vector<Span>& spans, LinkMark mark = nullptr, const void* user = nullptr);

}  // namespace hl::app
