#include "app/views/ladder_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <string_view>
#include <cmath>
#include <cstdio>

#include "app/short_title.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

struct Geometry {
  float left = 0;      // content left edge (screen)
  float width = 0;
  float client_x = 0;  // lifelines
  float server_x = 0;
  float attacker_x = 0;  // Mallory's, halfway; drawn only when she is in the run
  bool mallory = false;
  bool narrow = false;  // too narrow for the usual margins: 800×600 at a big font
  float row_h = 0;
  float line_h = 0;

  float x_of(Side side) const {
    const float xs[] = {client_x, server_x, attacker_x};
    return xs[static_cast<int>(side)];
  }
};

// number_w: the width of the widest step number, which the narrow layout leaves room for.
Geometry geometry(float line_h, float number_w, bool mallory) {
  Geometry g;
  g.left = ImGui::GetCursorScreenPos().x;
  g.width = ImGui::GetContentRegionAvail().x;
  g.line_h = line_h;
  g.client_x = g.left + std::max(line_h * 2.6f, g.width * 0.12f);
  g.server_x = g.left + g.width - std::max(line_h * 1.0f, g.width * 0.06f);
  g.narrow = g.width < line_h * 10;
  if (g.narrow) {  // the margins shrink to the step numbers
    g.client_x = g.left + line_h * 0.2f + number_w + line_h * 0.4f;
    g.server_x = g.left + g.width - line_h * 0.5f;
  }
  g.attacker_x = std::floor((g.client_x + g.server_x) * 0.5f);
  g.mallory = mallory;
  g.row_h = std::floor(line_h * 2.5f);
  return g;
}

void draw_header(const Geometry& g) {
  const auto& colours = ui::palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImFont* font = ui::fonts().heading;
  const char* client = "Client";
  const char* server = "Server";
  const char* mallory = g.mallory ? "Mallory" : "";
  // A narrow ladder with big text: the names shrink until they fit side by side ("Sleient" otherwise).
  float size = ImGui::GetFontSize() * 1.1f;
  const float all_w = font->CalcTextSizeA(size, 1e9f, 0, client).x + font->CalcTextSizeA(size, 1e9f, 0, server).x +
                      font->CalcTextSizeA(size, 1e9f, 0, mallory).x;
  const float gaps = g.mallory ? 2 * size : size;
  if (all_w + gaps > g.width) size *= std::max(0.4f, g.width / (all_w + gaps));
  float client_w = font->CalcTextSizeA(size, 1e9f, 0, client).x;
  float server_w = font->CalcTextSizeA(size, 1e9f, 0, server).x;
  float client_text_x = std::max(g.left, g.client_x - client_w / 2);
  float server_text_x = std::min(g.left + g.width - server_w, g.server_x - server_w / 2);
  if (client_text_x + client_w + size * 0.3f > server_text_x) {  // centred on the lifelines they would touch
    client_text_x = g.left;
    server_text_x = g.left + g.width - server_w;
  }
  draw->AddText(font, size, ImVec2(client_text_x, origin.y), colours.client, client);
  draw->AddText(font, size, ImVec2(server_text_x, origin.y), colours.server, server);
  ui::probe_text("ladder", ImVec2(client_text_x, origin.y), ImVec2(client_text_x + client_w, origin.y + size), client);
  ui::probe_text("ladder", ImVec2(server_text_x, origin.y), ImVec2(server_text_x + server_w, origin.y + size), server);
  if (g.mallory) {  // centred on her lifeline, between the two others
    const float mallory_w = font->CalcTextSizeA(size, 1e9f, 0, mallory).x;
    const float mallory_x = std::clamp(g.attacker_x - mallory_w / 2, client_text_x + client_w + size * 0.3f,
                                       std::max(client_text_x + client_w + size * 0.3f, server_text_x - mallory_w - size * 0.3f));
    draw->AddText(font, size, ImVec2(mallory_x, origin.y), colours.attacker, mallory);
    ui::probe_text("ladder", ImVec2(mallory_x, origin.y), ImVec2(mallory_x + mallory_w, origin.y + size), mallory);
  }
  ImGui::Dummy(ImVec2(g.width, size * 1.25f));
}

void draw_arrow(ImDrawList* draw, float from_x, float to_x, float y, ImU32 colour, float thickness, float head,
                bool dashed) {
  const float dir = to_x > from_x ? 1.0f : -1.0f;
  const float end_x = to_x - dir * head;
  if (!dashed) draw->AddLine(ImVec2(from_x, y), ImVec2(end_x, y), colour, thickness);
  // Dashed: clear-text application lines, as opposed to TLS records.
  const float dash = head * 0.9f;
  for (float x = from_x; dashed && (end_x - x) * dir > 0; x += dir * dash * 2) {
    const float stop = dir > 0 ? std::min(x + dash, end_x) : std::max(x - dash, end_x);
    draw->AddLine(ImVec2(x, y), ImVec2(stop, y), colour, thickness);
  }
  draw->AddTriangleFilled(ImVec2(to_x, y), ImVec2(to_x - dir * head, y - head * 0.55f),
                          ImVec2(to_x - dir * head, y + head * 0.55f), colour);
}

constexpr const char* kEllipsis = "\u2026";

// For the layout test: where a piece of ladder text went (with its ellipsis when cut).
void probe_drawn_text(ImFont* font, float size, ImVec2 pos, std::string_view text, bool cut) {
  if (!ui::layout_probe_on()) return;
  float width = font->CalcTextSizeA(size, 1e9f, 0, text.data(), text.data() + text.size()).x;
  if (cut) width += font->CalcTextSizeA(size, 1e9f, 0, kEllipsis).x;
  ui::probe_text("ladder", pos, ImVec2(pos.x + width, pos.y + size), text);
}

// The longest head of `text` that leaves room for an ellipsis within max_w; the whole text when it fits.
// A cut title ends in an ellipsis and its row shows the whole title as a tooltip, never letters clipped mid-glyph.
std::string_view fitted_text(ImFont* font, float size, const std::string& text, float max_w) {
  if (font->CalcTextSizeA(size, 1e9f, 0, text.c_str()).x <= max_w) return text;
  const float ellipsis_w = font->CalcTextSizeA(size, 1e9f, 0, kEllipsis).x;
  const char* cut = text.c_str();
  font->CalcTextSizeA(size, std::max(0.0f, max_w - ellipsis_w), 0, text.c_str(), text.c_str() + text.size(), &cut);
  std::string_view head(text.c_str(), static_cast<std::size_t>(cut - text.c_str()));
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  return head;
}

void draw_ellipsis(ImDrawList* draw, ImFont* font, float size, ImVec2 text_pos, std::string_view head, ImU32 colour) {
  const float head_w = font->CalcTextSizeA(size, 1e9f, 0, head.data(), head.data() + head.size()).x;
  draw->AddText(font, size, ImVec2(text_pos.x + head_w, text_pos.y), colour, kEllipsis);
}

// Draws text cut to room with an ellipsis (nothing at all when not even the ellipsis fits);
// true when it was cut, so the row shows the whole text as a tooltip.
bool draw_fitted(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, const std::string& text, float room, ImU32 colour) {
  const std::string_view head = fitted_text(font, size, text, room);
  const bool cut = head.size() != text.size();
  if (cut && font->CalcTextSizeA(size, 1e9f, 0, kEllipsis).x > room) return true;
  draw->AddText(font, size, pos, colour, head.data(), head.data() + head.size());
  if (cut) draw_ellipsis(draw, font, size, pos, head, colour);
  probe_drawn_text(font, size, pos, head, cut);
  return cut;
}

// Draws one record row; true when its title had to be cut or abbreviated.
bool draw_record(ImDrawList* draw, const Geometry& g, float top, const Step& step, const StepDisplay& display) {
  const auto& colours = ui::palette();
  const ImU32 colour = ui::side_colour(step.from);
  const float from_x = g.x_of(step.from);
  const float to_x = g.x_of(step.to);
  const float left_x = std::min(from_x, to_x);
  const float right_x = std::max(from_x, to_x);
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  // Too narrow for the whole title ("ClientHello" at a 48-pixel font in 800×600): first its usual
  // abbreviation ("CH"), then smaller text, down to 0.55 of the font, before anything is cut; the
  // row's tooltip gives the whole title.
  const float full_room = right_x - left_x - font_size * (step.is_protected ? 1.9f : 1.0f);
  // A newcomer reads "EncryptedExtens…" better than "EE": abbreviate only when the cut title would
  // keep fewer than kReadableHead characters.
  constexpr std::size_t kReadableHead = 10;
  const std::size_t head_len = fitted_text(font, font_size, display.title, full_room).size();
  const bool abbreviated = head_len < std::min(kReadableHead, display.title.size());
  const std::string title = abbreviated ? short_title(display.title) : display.title;
  const float short_w = font->CalcTextSizeA(font_size, 1e9f, 0, title.c_str()).x;
  const float size = short_w > full_room ? font_size * std::max(0.55f, full_room / short_w) : font_size;
  const float gap = size * 0.5f;
  const float size_w = font->CalcTextSizeA(size * 0.85f, 1e9f, 0, display.size_text.c_str()).x;
  const float lock_w = step.is_protected ? size * 0.9f : 0.0f;
  const float title_w = font->CalcTextSizeA(size, 1e9f, 0, title.c_str()).x;
  // A long title ("Application Data (LDAP bind response ...)") in a narrow ladder: the size goes
  // first (the bytes pane shows it too), then the title is cut at the arrow's end.
  const bool show_size = lock_w + title_w + gap + size_w <= right_x - left_x - 2 * gap;
  const float total = lock_w + title_w + (show_size ? gap + size_w : 0.0f);
  float x = std::max(left_x + gap, (left_x + right_x - total) * 0.5f);
  const float text_y = top + g.row_h * 0.12f;
  if (step.is_protected) {
    ui::draw_lock(draw, ImVec2(x, text_y + size * 0.1f), size * 0.8f, colours.lock);
    x += lock_w;
  }
  const ImU32 title_colour = display.unexpected ? colours.bad : colours.text;
  const bool cut = draw_fitted(draw, font, size, ImVec2(x, text_y), title, right_x - gap * 0.5f - x, title_colour);
  x += title_w + gap;
  if (show_size) {
    draw->AddText(font, size * 0.85f, ImVec2(x, text_y + size * 0.12f), colours.dim_text, display.size_text.c_str());
    probe_drawn_text(font, size * 0.85f, ImVec2(x, text_y + size * 0.12f), display.size_text, false);
  }
  const float arrow_y = top + g.row_h * 0.72f;
  draw_arrow(draw, from_x, to_x, arrow_y, colour, std::max(2.0f, size * 0.12f), size * 0.55f,
             step.kind == StepKind::app_line);
  return cut || abbreviated;
}

ImU32 event_text_colour(const Step& step) {
  const auto& colours = ui::palette();
  bool bad = step.event == EventKind::alert_sent || step.event == EventKind::alert_received ||
             step.event == EventKind::failure || (step.event == EventKind::verify && !step.verify.ok);
  if (bad) return colours.bad;
  if (step.event == EventKind::handshake_done || (step.event == EventKind::verify && step.verify.ok)) return colours.ok;
  return colours.text;
}

// Draws one event note; true when its title had to be cut.
bool draw_event(ImDrawList* draw, const Geometry& g, float top, const Step& step, const StepDisplay& display) {
  const auto& colours = ui::palette();
  ImFont* font = ImGui::GetFont();
  // In a narrow ladder a note's text is smaller, so that it still says more than an ellipsis.
  const float size = ImGui::GetFontSize() * (g.narrow ? 0.55f : 0.9f);
  const float pad = size * 0.4f;
  // Beside Mallory's lifeline an event has half the ladder: toward the client on her first
  // connection, toward the server on her second.
  const bool mallory = step.from == Side::attacker;
  const bool leftwards = step.from == Side::server || (mallory && step.connection == 1);
  const float span = g.mallory ? g.attacker_x - g.client_x : g.server_x - g.client_x;
  const float max_w = span - size * 1.5f;
  const float text_w = std::min(font->CalcTextSizeA(size, 1e9f, 0, display.title.c_str()).x, max_w - 2 * pad);
  const float box_w = text_w + 2 * pad;
  const float box_top = top + g.row_h * 0.18f;
  const float box_bottom = top + g.row_h * 0.82f;
  const float lifeline_x = g.x_of(step.from);
  const float box_left = leftwards ? lifeline_x - size * 0.6f - box_w : lifeline_x + size * 0.6f;
  const ImU32 side_colour = ui::side_colour(step.from);
  draw->AddRectFilled(ImVec2(box_left, box_top), ImVec2(box_left + box_w, box_bottom), colours.note_bg, size * 0.25f);
  draw->AddRect(ImVec2(box_left, box_top), ImVec2(box_left + box_w, box_bottom), colours.note_border, size * 0.25f);
  // A short tick joins the note to its lifeline.
  const float mid_y = (box_top + box_bottom) * 0.5f;
  draw->AddLine(ImVec2(lifeline_x, mid_y), ImVec2(leftwards ? box_left + box_w : box_left, mid_y), side_colour, 2);
  return draw_fitted(draw, font, size, ImVec2(box_left + pad, mid_y - size * 0.5f), display.title, text_w,
                     event_text_colour(step));
}

// Both lifelines over the rows, clipped to the visible part of the scrolling child.
void draw_lifelines(ImDrawList* draw, const Geometry& g, std::size_t num_rows) {
  const auto& colours = ui::palette();
  const ImVec2 window_top = ImGui::GetCursorScreenPos();
  const float rows_h = static_cast<float>(num_rows) * g.row_h;
  const float visible_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
  const float lifeline_bottom = std::min(window_top.y + rows_h, visible_bottom);
  const float lifeline_top = std::max(window_top.y, ImGui::GetWindowPos().y);
  draw->AddLine(ImVec2(g.client_x, lifeline_top), ImVec2(g.client_x, lifeline_bottom), colours.lifeline, 2);
  draw->AddLine(ImVec2(g.server_x, lifeline_top), ImVec2(g.server_x, lifeline_bottom), colours.lifeline, 2);
  if (g.mallory)
    draw->AddLine(ImVec2(g.attacker_x, lifeline_top), ImVec2(g.attacker_x, lifeline_bottom), colours.attacker, 2);
}

// Where Mallory read or changed this step, a mark on her lifeline: filled red where she
// changed it, a ring where she only read it. The Mallory pane lists what it was.
void draw_mallory_mark(ImDrawList* draw, const Geometry& g, float top, const AttackerReport& report, std::size_t number) {
  if (!g.mallory) return;
  auto at = [number](const AttackerNote& note) { return note.step == number; };
  const bool changed = std::any_of(report.changed.begin(), report.changed.end(), at);
  const bool read = std::any_of(report.read.begin(), report.read.end(), at);
  const ImVec2 centre(g.attacker_x, top + g.row_h * 0.72f);
  const float radius = g.line_h * 0.32f;
  if (changed) draw->AddCircleFilled(centre, radius, ui::palette().bad);
  if (read && !changed) draw->AddCircle(centre, radius, ui::palette().attacker, 0, 3.0f);
}

// A flight of the run's flow begins at this row: a faint rule across the ladder and the
// flight's number in the margin, its name on hover.
void draw_flight_start(ImDrawList* draw, const Geometry& g, float top, const StepDisplay& display, bool hovered) {
  if (display.flight_number == 0) return;
  const auto& colours = ui::palette();
  draw->AddLine(ImVec2(g.left, top), ImVec2(g.left + g.width, top), colours.lifeline, 1.0f);
  char label[16];
  std::snprintf(label, sizeof label, "flight %u", static_cast<unsigned>(display.flight_number));
  const float size = ImGui::GetFontSize() * 0.7f;
  const ImVec4 clip(g.left, top, g.client_x - size * 0.3f, top + g.row_h);
  draw->AddText(ImGui::GetFont(), size, ImVec2(g.left + g.line_h * 0.2f, top + 1), colours.dim_text, label, nullptr, 0,
                &clip);
  if (hovered && ImGui::GetIO().MousePos.x < g.client_x) ImGui::SetTooltip("%s", display.flight.c_str());
}

// A new connection of the run begins at this row (resumption): a bold rule across the ladder
// and its label on the rule, in the gap between the rows' texts.
void draw_connection_start(ImDrawList* draw, const Geometry& g, float top, const StepDisplay& display) {
  if (display.connection_start.empty()) return;
  const auto& colours = ui::palette();
  const float size = ImGui::GetFontSize() * 0.75f;
  draw->AddLine(ImVec2(g.left, top), ImVec2(g.left + g.width, top), colours.select_border, 3.0f);
  ImFont* font = ImGui::GetFont();
  const float room = g.server_x - g.client_x - size;
  const std::string_view head = fitted_text(font, size, display.connection_start, room);
  const float text_w = font->CalcTextSizeA(size, 1e9f, 0, head.data(), head.data() + head.size()).x;
  const float pad = size * 0.35f;
  const ImVec2 pos(std::floor((g.client_x + g.server_x - text_w) * 0.5f), std::floor(top - size * 0.55f));
  draw->AddRectFilled(ImVec2(pos.x - pad, pos.y - 1), ImVec2(pos.x + text_w + pad, pos.y + size + 1), colours.note_bg,
                      size * 0.25f);
  draw->AddRect(ImVec2(pos.x - pad, pos.y - 1), ImVec2(pos.x + text_w + pad, pos.y + size + 1), colours.select_border,
                size * 0.25f, 0, 2.0f);
  const bool cut = head.size() != display.connection_start.size();
  draw->AddText(font, size, pos, colours.text, head.data(), head.data() + head.size());
  if (cut) draw_ellipsis(draw, font, size, pos, head, colours.text);
  probe_drawn_text(font, size, pos, head, cut);
}

// One clickable row: highlight, step number, then the arrow or the event note. True when clicked.
bool draw_row(ImDrawList* draw, const Geometry& g, const RunData& run, std::size_t position, std::size_t index,
              bool current, bool lit) {
  const auto& colours = ui::palette();
  const float line_h = ImGui::GetTextLineHeight();
  const Step& step = run.transcript.steps[index];
  const StepDisplay& display = run.display[index];
  const float top = ImGui::GetCursorScreenPos().y;
  ImGui::PushID(static_cast<int>(position));
  const bool clicked = ImGui::InvisibleButton("##row", ImVec2(std::max(1.0f, g.width), g.row_h));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  if (current) {
    draw->AddRectFilled(ImVec2(g.left, top), ImVec2(g.left + g.width, top + g.row_h), colours.current_row, 4);
  } else if (hovered) {
    draw->AddRectFilled(ImVec2(g.left, top), ImVec2(g.left + g.width, top + g.row_h),
                        ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f), 4);
  }
  if (lit) {
    // Lit by another view (a transcript hash covers this message): a bar in the margin and a border.
    draw->AddRect(ImVec2(g.left + 1, top + 1), ImVec2(g.left + g.width - 1, top + g.row_h - 1), colours.select_border, 4,
                  0, 2.0f);
    draw->AddRectFilled(ImVec2(g.left, top), ImVec2(g.left + line_h * 0.25f, top + g.row_h), colours.select_border);
  }
  draw_flight_start(draw, g, top, display, hovered);
  draw_connection_start(draw, g, top, display);
  if (hovered && display.unexpected)
    ImGui::SetTooltip("No handshake flow expects this message here: whatever changed the run happened before it.");
  char number[24];
  std::snprintf(number, sizeof number, "%zu", position + 1);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, ImVec2(g.left + line_h * 0.2f, top + g.row_h * 0.3f),
                colours.dim_text, number);
  probe_drawn_text(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, ImVec2(g.left + line_h * 0.2f, top + g.row_h * 0.3f),
                   number, false);
  const bool cut = step.kind == StepKind::event ? draw_event(draw, g, top, step, display)
                                                : draw_record(draw, g, top, step, display);
  draw_mallory_mark(draw, g, top, run.transcript.attacker, index + 1);
  // The whole title, however narrow the ladder, and which of a record's three sizes the ladder shows.
  if (hovered && !display.unexpected && ImGui::GetIO().MousePos.x >= g.client_x && (cut || !display.size_tip.empty()))
    ImGui::SetTooltip("%s%s%s", cut ? display.title.c_str() : "", cut ? "\n" : "", display.size_tip.c_str());
  return clicked;
}

// While another view lights steps, one line says what lit them and clears them on click.
void draw_lit_note(Session& session) {
  if (session.lit_steps().empty()) return;
  const auto& colours = ui::palette();
  ImGui::PushStyleColor(ImGuiCol_Text, colours.select_border);
  ImGui::TextUnformatted("\u25A0");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextWrapped("Framed: the messages hashed into %s", session.lit_by().c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear")) session.clear_lit_steps();
}

}  // namespace

void LadderView::drawContent(ViewContext& context) {
  Session& session = context.session;
  const RunData* run = session.run();
  if (run == nullptr) {
    ImGui::TextDisabled("Running the handshake...");
    return;
  }
  const float line_h = ImGui::GetTextLineHeight();
  const bool mallory = run->transcript.attacker.present;
  const std::string widest_number = std::to_string(std::max<std::size_t>(1, session.shown_steps().size()));
  const float number_w = ImGui::CalcTextSize(widest_number.c_str()).x * 0.85f;  // drawn at 0.85 of the font
  Geometry g = geometry(line_h, number_w, mallory);
  draw_header(g);
  if (run->transcript.capture)
    ui::wrapped_text("A capture: only what crossed the wire, no endpoint events.", ui::palette().dim_text);
  draw_lit_note(session);

  // A narrow ladder gives its scroll bar's width to the rows: it follows the current step, and the wheel still scrolls.
  ImGui::BeginChild("##ladder-rows", ImVec2(0, 0), false, g.narrow ? ImGuiWindowFlags_NoScrollbar : 0);
  g = geometry(line_h, number_w, mallory);
  const auto& shown = session.shown_steps();
  const std::size_t current = session.cursor().index();
  const bool follow = followed_run_ != session.run_serial() || followed_position_ != current;
  if (follow && !shown.empty()) {
    // Keep the current step in view with some context above it.
    const float row_top = static_cast<float>(current) * g.row_h;
    const float view_h = ImGui::GetWindowHeight();
    const float scroll = ImGui::GetScrollY();
    if (row_top < scroll + g.row_h || row_top + 2 * g.row_h > scroll + view_h) {
      ImGui::SetScrollY(std::max(0.0f, row_top - view_h * 0.35f));
    }
    followed_run_ = session.run_serial();
    followed_position_ = current;
  }

  // While a predict question waits, the rows after this step would give its answer away.
  const bool held = session.next_held();
  const std::size_t num_rows = held ? current + 1 : shown.size();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw_lifelines(draw, g, num_rows);

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(num_rows), g.row_h);
  std::size_t clicked = static_cast<std::size_t>(-1);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t position = static_cast<std::size_t>(row);
      if (draw_row(draw, g, *run, position, shown[position], position == current, session.step_lit(shown[position])))
        clicked = position;
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  if (held) {
    ImGui::SetCursorScreenPos(ImVec2(g.client_x + line_h, ImGui::GetCursorScreenPos().y + line_h * 0.5f));
    ImGui::TextDisabled("? Next: predict it in the lesson");
  }
  ImGui::EndChild();
  if (clicked != static_cast<std::size_t>(-1)) session.jump_to_position(clicked);
}

}  // namespace hl::app
