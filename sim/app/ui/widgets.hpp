// Small generic widgets: a draggable splitter between panes, a padlock icon, a "(?)"
// help marker, wrapped coloured text and the glossary's tooltip.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/lessons/glossary.hpp"

namespace hl::app::ui {

/// A bar the user drags to move a boundary. vertical: a vertical bar that resizes
/// left/right panes. fraction is the first pane's share of total, kept in [min, 1-min].
/// Returns true while it is being dragged.
bool splitter(const char* id, bool vertical, float thickness, float total, float& fraction, float min_fraction);

/// Draws a padlock of height size with its top-left corner at pos.
void draw_lock(ImDrawList* draw, ImVec2 pos, float size, ImU32 colour);

/// A dim "(?)" that shows text in a tooltip when hovered.
void help_marker(const char* text);

/// Text wrapped at the current content width.
void wrapped_text(const char* text, ImU32 colour);

/// A heading in the heading font, wrapped at the content width; in a pane too narrow for its longest
/// word (presenter mode, a big font) the text shrinks, down to half size, rather than break that word.
void heading_text(const std::string& text, ImU32 colour);

/// A field value wrapped at the current content width without breaking a word mid-way (value_lines);
/// a piece that still does not fit ends in an ellipsis, and hovering it shows the whole value.
void value_text(const std::string& text, ImU32 colour);

/// text cut to width (in `font` at `size`; the current font and size when left out) ending in an
/// ellipsis; the whole text when it fits, empty when not even the ellipsis fits. The caller shows
/// the whole text as a tooltip.
std::string ellipsized(const std::string& text, float width, ImFont* font = nullptr, float size = 0);

/// A tooltip with each entry's term and definition.
void glossary_tooltip(const std::vector<const GlossaryEntry*>& entries);

/// When the last item is hovered and its text holds glossary terms, shows their definitions.
void glossary_tooltip(std::string_view text);

}  // namespace hl::app::ui
