// [SECTION] Geometry: two ladders and the role column between them
// [SECTION] Header and summary
// [SECTION] Rows
// [SECTION] The view
#include "app/views/compare_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

constexpr Half kHalves[] = {Half::left, Half::right};

// [SECTION] Geometry: two ladders and the role column between them ---------------------------

struct Columns {
  float left = 0;  // content left edge (screen)
  float width = 0;
  float ladder_w = 0;
  float gutter_w = 0;
  float line_h = 0;
  float row_h = 0;

  float x0(Half half) const { return half == Half::left ? left : left + ladder_w + gutter_w; }
  float gutter_x() const { return left + ladder_w; }
  // The margin left of the client's lifeline holds a flight's number and bytes.
  float margin() const { return std::max(line_h * 3.0f, ladder_w * 0.15f); }
  float client_x(Half half) const { return std::floor(x0(half) + margin()); }
  float server_x(Half half) const { return std::floor(x0(half) + ladder_w - line_h * 0.6f); }
  float x_of(Half half, Side side) const { return side == Side::client ? client_x(half) : server_x(half); }
};

float text_w(float size, std::string_view text) {
  return ImGui::GetFont()->CalcTextSizeA(size, 1e9f, 0, text.data(), text.data() + text.size()).x;
}

Columns columns(float left, float width) {
  Columns c;
  c.left = left;
  c.width = width;
  c.line_h = ImGui::GetTextLineHeight();
  float widest_role = 0;
  for (int role = 0; role <= static_cast<int>(Role::other); ++role)
    widest_role = std::max(widest_role, text_w(ImGui::GetFontSize() * 0.8f, role_name(static_cast<Role>(role))));
  // "server parameters" whole when there is room; two lines otherwise.
  c.gutter_w = std::floor(std::clamp(widest_role + c.line_h, c.line_h * 4.5f, width * 0.2f));
  c.ladder_w = std::floor((width - c.gutter_w) * 0.5f);
  c.row_h = std::floor(c.line_h * 2.3f);
  return c;
}

// Text cut to max_w with an ellipsis; true when it was cut.
bool draw_fitted(ImDrawList* draw, float size, ImVec2 pos, const std::string& text, float max_w, ImU32 colour) {
  const std::string shown = ui::ellipsized(text, max_w, ImGui::GetFont(), size);
  if (shown.empty()) return true;
  draw->AddText(ImGui::GetFont(), size, pos, colour, shown.c_str());
  ui::probe_text("compare", pos, ImVec2(pos.x + text_w(size, shown), pos.y + size), shown);
  return shown != text;
}

// An eye: what an eavesdropper reads. Two lids and a pupil, size high, top-left at pos.
void draw_eye(ImDrawList* draw, ImVec2 pos, float size, ImU32 colour) {
  const float w = size * 1.25f, cy = pos.y + size * 0.5f;
  const float thickness = std::max(1.5f, size * 0.1f);
  draw->AddBezierQuadratic(ImVec2(pos.x, cy), ImVec2(pos.x + w * 0.5f, cy - size * 0.75f), ImVec2(pos.x + w, cy), colour,
                           thickness);
  draw->AddBezierQuadratic(ImVec2(pos.x, cy), ImVec2(pos.x + w * 0.5f, cy + size * 0.75f), ImVec2(pos.x + w, cy), colour,
                           thickness);
  draw->AddCircleFilled(ImVec2(pos.x + w * 0.5f, cy), size * 0.2f, colour);
}

void draw_arrow(ImDrawList* draw, float from_x, float to_x, float y, ImU32 colour, float thickness, float head, bool dashed) {
  const float dir = to_x > from_x ? 1.0f : -1.0f;
  const float end_x = to_x - dir * head;
  if (!dashed) draw->AddLine(ImVec2(from_x, y), ImVec2(end_x, y), colour, thickness);
  const float dash = head * 0.9f;  // dashed: an application line in the clear, not a TLS record
  for (float x = from_x; dashed && (end_x - x) * dir > 0; x += dir * dash * 2) {
    const float stop = dir > 0 ? std::min(x + dash, end_x) : std::max(x - dash, end_x);
    draw->AddLine(ImVec2(x, y), ImVec2(stop, y), colour, thickness);
  }
  draw->AddTriangleFilled(ImVec2(to_x, y), ImVec2(to_x - dir * head, y - head * 0.55f),
                          ImVec2(to_x - dir * head, y + head * 0.55f), colour);
}

// [SECTION] Header and summary ----------------------------------------------------------------

// "2,640": a byte count with thousands separated, for the summary.
std::string grouped(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string round_trips_text(const SideSummary& summary) {
  std::string text;
  for (std::size_t i = 0; i < summary.round_trips.size(); ++i) {
    const auto& trips = summary.round_trips[i];
    const std::string one = trips ? std::to_string(*trips) : "no data sent";
    text += i == 0 ? one : ", then " + one;
  }
  return text.empty() ? "no data sent" : text;
}

std::string bytes_text(const SideSummary& summary) {
  std::string text = grouped(summary.wire_bytes) + " B";
  if (summary.flights.empty()) return text;
  text += " in " + std::to_string(summary.flights.size()) + (summary.flights.size() == 1 ? " flight:\n" : " flights:\n");
  for (std::size_t i = 0; i < summary.flights.size(); ++i) text += (i == 0 ? "" : " + ") + grouped(summary.flights[i].bytes);
  return text;
}

std::string readable_text(const SideSummary& summary) {
  const unsigned percent =
      summary.wire_bytes == 0 ? 0 : static_cast<unsigned>(std::lround(100.0 * summary.readable_bytes / summary.wire_bytes));
  std::string text = grouped(summary.readable_bytes) + " B (" + std::to_string(percent) + " %)";
  for (std::size_t i = 0; i < summary.exposed.size(); ++i) text += (i == 0 ? ":\n" : ", ") + summary.exposed[i];
  return text;
}

std::string only_here_text(const SideSummary& summary) {
  if (summary.only_here.empty()) return "none";
  std::string text;
  for (std::size_t i = 0; i < summary.only_here.size(); ++i) text += (i == 0 ? "" : ", ") + summary.only_here[i];
  return text;
}

// One line of the summary: the label in the role column, each run's value over its ladder.
// Values that differ are in full colour; equal ones dim.
void summary_line(const Columns& c, const char* label, const std::string& left, const std::string& right,
                  ImFont* value_font = nullptr) {
  const auto& colours = ui::palette();
  const float top = ImGui::GetCursorScreenPos().y;
  const float window_x = ImGui::GetWindowPos().x;
  const float pad = c.line_h * 0.4f;
  const bool differ = left != right;
  float bottom = top;
  auto cell = [&](float x, float w, const std::string& text, ImU32 colour, bool centred) {
    float x_text = x + pad;
    if (centred) x_text = x + std::max(pad * 0.5f, (w - ImGui::CalcTextSize(text.c_str()).x) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(x_text, top));
    ImGui::PushTextWrapPos(x + w - pad * 0.5f - window_x);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ui::probe_last_item("compare summary", text);
    bottom = std::max(bottom, ImGui::GetItemRectMax().y);
  };
  const ImU32 value_colour = differ ? colours.text : colours.dim_text;
  if (value_font != nullptr) ImGui::PushFont(value_font);
  cell(c.x0(Half::left), c.ladder_w, left, value_colour, false);
  cell(c.x0(Half::right), c.ladder_w, right, value_colour, false);
  if (value_font != nullptr) ImGui::PopFont();
  cell(c.gutter_x(), c.gutter_w, label, colours.dim_text, true);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(c.left, bottom + pad * 0.5f), ImVec2(c.left + c.width, bottom + pad * 0.5f), colours.note_border);
  ImGui::SetCursorScreenPos(ImVec2(c.left, bottom + pad));
}

// Each run's label, centred over its ladder; a label wider than the ladder (a long "what if?" edit)
// is cut with an ellipsis and shown whole when the pointer rests on it.
void draw_labels(const Comparison& compare, const Columns& c) {
  const auto& colours = ui::palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float top = ImGui::GetCursorScreenPos().y;
  ImFont* heading = ui::fonts().heading;
  const float size = ImGui::GetFontSize() * 1.2f;
  for (Half half : kHalves) {
    const std::string& label = compare.side(half).label;
    const std::string shown = ui::ellipsized(label, c.ladder_w, heading, size);
    const float w = heading->CalcTextSizeA(size, 1e9f, 0, shown.c_str()).x;
    const float x = c.x0(half) + std::max(0.0f, (c.ladder_w - w) * 0.5f);
    draw->AddText(heading, size, ImVec2(x, top), colours.text, shown.c_str());
    ui::probe_text("compare", ImVec2(x, top), ImVec2(x + w, top + size), shown);
    if (shown != label && ImGui::IsMouseHoveringRect(ImVec2(x, top), ImVec2(x + w, top + size))) ImGui::SetTooltip("%s", label.c_str());
  }
  ImGui::Dummy(ImVec2(c.width, size * 1.3f));
}

// The lifelines' names, right over the rows.
void draw_lifeline_names(const Columns& c) {
  const auto& colours = ui::palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float top = ImGui::GetCursorScreenPos().y;
  const float size = ImGui::GetFontSize() * 0.85f;
  for (Half half : kHalves) {
    const float client_x = std::max(c.x0(half), c.client_x(half) - text_w(size, "Client") * 0.5f);
    const float server_x = std::min(c.x0(half) + c.ladder_w - text_w(size, "Server"), c.server_x(half) - text_w(size, "Server") * 0.5f);
    draw->AddText(ImGui::GetFont(), size, ImVec2(client_x, top), colours.client, "Client");
    draw->AddText(ImGui::GetFont(), size, ImVec2(server_x, top), colours.server, "Server");
  }
  ImGui::Dummy(ImVec2(c.width, size * 1.2f));
}

// brief: a short pane (presenter mode, big text) keeps the figures and leaves the lists to the rows' marks.
void draw_summary(const Comparison& compare, const Columns& c, bool brief) {
  const SideSummary& left = compare.summary(Half::left);
  const SideSummary& right = compare.summary(Half::right);
  summary_line(c, "round trips before the client's data", round_trips_text(left), round_trips_text(right),
               ui::fonts().heading);
  auto first_line = [brief](std::string text) {
    if (!brief || text.find('\n') == std::string::npos) return text;
    text.erase(text.find('\n'));
    if (!text.empty() && text.back() == ':') text.pop_back();
    return text;
  };
  summary_line(c, brief ? "bytes on the wire" : "bytes on the wire, per flight", first_line(bytes_text(left)),
               first_line(bytes_text(right)));
  summary_line(c, "readable to an eavesdropper", first_line(readable_text(left)), first_line(readable_text(right)));
  if (!brief) summary_line(c, "only in this run", only_here_text(left), only_here_text(right));
  if (left.outcome != right.outcome || left.outcome != "handshake complete")
    summary_line(c, "outcome", left.outcome, right.outcome);
}

// One line saying what the marks mean.
void draw_legend(const Comparison& compare, const Columns& c) {
  const auto& colours = ui::palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float size = ImGui::GetFontSize() * 0.8f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  pos.x = c.left + c.line_h * 0.3f;
  auto label = [&](const char* text) {
    draw->AddText(ImGui::GetFont(), size, pos, colours.dim_text, text);
    ui::probe_text("compare", pos, ImVec2(pos.x + text_w(size, text), pos.y + size), text);
    pos.x += text_w(size, text) + size * 1.5f;
  };
  ui::draw_lock(draw, ImVec2(pos.x, pos.y + size * 0.05f), size * 0.9f, colours.lock);
  pos.x += size * 1.0f;
  label("encrypted");
  draw_eye(draw, ImVec2(pos.x, pos.y + size * 0.1f), size * 0.8f, colours.readable);
  pos.x += size * 1.3f;
  label("an eavesdropper reads it");
  draw->AddRectFilled(ImVec2(pos.x, pos.y), ImVec2(pos.x + size * 1.6f, pos.y + size), colours.only_here_bg, size * 0.2f);
  draw->AddRect(ImVec2(pos.x, pos.y), ImVec2(pos.x + size * 1.6f, pos.y + size), colours.only_here_border, size * 0.2f, 0, 2);
  pos.x += size * 2.0f;
  label("only in one run");
  if (compare.fork_row()) {
    draw->AddLine(ImVec2(pos.x, pos.y + size * 0.5f), ImVec2(pos.x + size * 1.6f, pos.y + size * 0.5f), colours.select_border, 4);
    pos.x += size * 2.0f;
    label("where the runs part");
  }
  ImGui::Dummy(ImVec2(c.width, size * 1.5f));
}

// [SECTION] Rows ---------------------------------------------------------------------------

// The start of a flight on one side: a rule across that ladder, the flight's number and its bytes in the margin.
void draw_flight(ImDrawList* draw, const Columns& c, Half half, float top, const CompareCell& cell) {
  if (cell.flight == 0) return;
  const auto& colours = ui::palette();
  draw->AddLine(ImVec2(c.x0(half), top), ImVec2(c.x0(half) + c.ladder_w, top), colours.lifeline, 1.0f);
  char name[16], bytes[32];
  std::snprintf(name, sizeof name, "flight %u", static_cast<unsigned>(cell.flight));
  std::snprintf(bytes, sizeof bytes, "%s B", grouped(cell.flight_bytes).c_str());
  const float room = c.client_x(half) - c.x0(half) - c.line_h * 0.3f;
  const float size = ImGui::GetFontSize() * 0.7f;
  draw_fitted(draw, size, ImVec2(c.x0(half) + c.line_h * 0.15f, top + c.row_h * 0.08f), name, room, colours.dim_text);
  draw_fitted(draw, ImGui::GetFontSize() * 0.75f, ImVec2(c.x0(half) + c.line_h * 0.15f, top + c.row_h * 0.45f), bytes, room,
              colours.text);
}

// One side of a row; true when its title was cut (the tooltip gives it whole).
bool draw_cell(ImDrawList* draw, const Columns& c, Half half, float top, const RunData& run, const CompareCell& cell,
               bool only_here) {
  const auto& colours = ui::palette();
  const Step& step = run.transcript.steps[cell.step];
  const StepDisplay& display = run.display[cell.step];
  const float x0 = c.x0(half);
  if (only_here) {
    const float inset = 2.0f;
    draw->AddRectFilled(ImVec2(x0 + inset, top + inset), ImVec2(x0 + c.ladder_w - inset, top + c.row_h - inset),
                        colours.only_here_bg, c.line_h * 0.2f);
    draw->AddRect(ImVec2(x0 + inset, top + inset), ImVec2(x0 + c.ladder_w - inset, top + c.row_h - inset),
                  colours.only_here_border, c.line_h * 0.2f, 0, 2.0f);
  }
  draw_flight(draw, c, half, top, cell);
  if (!display.connection_start.empty()) {
    draw->AddLine(ImVec2(x0, top), ImVec2(x0 + c.ladder_w, top), colours.select_border, 3.0f);
  }
  const Side sender = sender_role(step);
  const float from_x = c.x_of(half, sender);
  const float to_x = c.x_of(half, sender == Side::client ? Side::server : Side::client);
  const float left_x = std::min(from_x, to_x), right_x = std::max(from_x, to_x);
  const float size = ImGui::GetFontSize();
  const float gap = size * 0.4f;
  const float icon_w = size * 1.3f;
  const float size_w = text_w(size * 0.85f, display.size_text);
  const float title_room = right_x - left_x - 2 * gap - icon_w;
  const bool show_size = text_w(size, display.title) + gap + size_w <= title_room;
  const float total = icon_w + std::min(text_w(size, display.title), title_room) + (show_size ? gap + size_w : 0.0f);
  float x = std::max(left_x + gap, std::floor((left_x + right_x - total) * 0.5f));
  const float text_y = top + c.row_h * 0.1f;
  if (step.is_protected) {
    ui::draw_lock(draw, ImVec2(x, text_y + size * 0.1f), size * 0.8f, colours.lock);
  } else if (cell.readable) {
    draw_eye(draw, ImVec2(x, text_y + size * 0.15f), size * 0.8f, colours.readable);
  }
  x += icon_w;
  const ImU32 title_colour = display.unexpected ? colours.bad : colours.text;
  const bool cut = draw_fitted(draw, size, ImVec2(x, text_y), display.title, title_room, title_colour);
  if (show_size) {
    const float sx = x + text_w(size, display.title) + gap;
    draw->AddText(ImGui::GetFont(), size * 0.85f, ImVec2(sx, text_y + size * 0.12f), colours.dim_text, display.size_text.c_str());
    ui::probe_text("compare", ImVec2(sx, text_y + size * 0.12f),
                   ImVec2(sx + size_w, text_y + size * 0.12f + size * 0.85f), display.size_text);
  }
  draw_arrow(draw, from_x, to_x, top + c.row_h * 0.74f, ui::side_colour(sender), std::max(2.0f, size * 0.12f), size * 0.55f,
             step.kind == StepKind::app_line);
  return cut;
}

// The side of a row whose run has no such message.
void draw_gap(ImDrawList* draw, const Columns& c, Half half, float top) {
  const auto& colours = ui::palette();
  const float size = ImGui::GetFontSize() * 0.8f;
  const char* text = "not in this run";
  const float w = text_w(size, text);
  const float room = c.server_x(half) - c.client_x(half) - size;
  const float x = std::floor((c.client_x(half) + c.server_x(half) - std::min(w, room)) * 0.5f);
  draw_fitted(draw, size, ImVec2(x, top + (c.row_h - size) * 0.5f), text, room, colours.dim_text);
}

void draw_lifelines(ImDrawList* draw, const Columns& c, float top, float bottom) {
  const auto& colours = ui::palette();
  for (Half half : kHalves) {
    draw->AddLine(ImVec2(c.client_x(half), top), ImVec2(c.client_x(half), bottom), colours.lifeline, 2);
    draw->AddLine(ImVec2(c.server_x(half), top), ImVec2(c.server_x(half), bottom), colours.lifeline, 2);
  }
}

// Which band of roles a row is in: consecutive rows of one role make one band.
std::vector<std::size_t> role_bands(const std::vector<CompareRow>& rows) {
  std::vector<std::size_t> bands(rows.size(), 0);
  for (std::size_t i = 1; i < rows.size(); ++i) bands[i] = bands[i - 1] + (rows[i].role != rows[i - 1].role);
  return bands;
}

// The role column: a band's name on its first row (the bands' faint shades are drawn under the rows).
void draw_role(ImDrawList* draw, const Columns& c, float top, const CompareRow& row, bool first_of_band) {
  const auto& colours = ui::palette();
  if (!first_of_band) return;
  const float size = ImGui::GetFontSize() * 0.8f;
  const std::string name = role_name(row.role);
  const float w = text_w(size, name);
  const float x = c.gutter_x() + std::max(size * 0.2f, (c.gutter_w - w) * 0.5f);
  draw_fitted(draw, size, ImVec2(x, top + (c.row_h - size) * 0.5f), name, c.gutter_w - size * 0.4f, colours.dim_text);
}

void draw_fork(ImDrawList* draw, const Columns& c, float top) {
  const auto& colours = ui::palette();
  draw->AddLine(ImVec2(c.left, top), ImVec2(c.left + c.width, top), colours.select_border, 4.0f);
  const float size = ImGui::GetFontSize() * 0.7f;
  const char* text = "the runs part here";
  const float w = std::min(text_w(size, text), c.gutter_w - 4);
  const ImVec2 pos(std::floor(c.gutter_x() + (c.gutter_w - w) * 0.5f), std::floor(top - size * 0.5f));
  draw->AddRectFilled(ImVec2(pos.x - 2, pos.y - 1), ImVec2(pos.x + w + 2, pos.y + size + 1), colours.note_bg, 3);
  draw_fitted(draw, size, pos, text, c.gutter_w - 4, colours.select_border);
}

std::string cell_tooltip(const RunData& run, const CompareCell& cell) {
  const StepDisplay& display = run.display[cell.step];
  std::string tip = display.title;
  if (!display.size_tip.empty()) tip += "\n" + display.size_tip;
  if (run.transcript.steps[cell.step].is_protected) tip += "\nEncrypted: an eavesdropper sees only its size.";
  else if (!cell.exposed.empty()) tip += "\nAn eavesdropper reads:\n" + cell.exposed;
  else if (cell.readable) tip += "\nUnencrypted: an eavesdropper reads it.";
  if (cell.flight != 0) tip += "\n" + display.flight + " (" + grouped(cell.flight_bytes) + " B)";
  return tip;
}

}  // namespace

// [SECTION] The view ---------------------------------------------------------------------------

void CompareView::drawContent(ViewContext& context) {
  Comparison& compare = context.compare;
  if (!compare.active()) {
    ImGui::TextDisabled("Nothing to compare: Compare > (a setting) puts a second run beside this one.");
    return;
  }
  Columns c = columns(ImGui::GetCursorScreenPos().x, ImGui::GetContentRegionAvail().x);
  draw_labels(compare, c);
  // Fewer than about 30 lines of room: the summary keeps its figures so several rows still show.
  draw_summary(compare, c, ImGui::GetContentRegionAvail().y < ImGui::GetTextLineHeightWithSpacing() * 30);
  draw_legend(compare, c);
  draw_lifeline_names(c);

  // The rows scroll under the summary; they follow the cursor (the wheel still scrolls).
  ImGui::BeginChild("##compare-rows", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
  c = columns(ImGui::GetCursorScreenPos().x, ImGui::GetContentRegionAvail().x);
  const auto& rows = compare.rows();
  const std::size_t current = compare.cursor().index();
  const std::pair<std::uint64_t, std::size_t> place{compare.serial(), current};
  if (followed_ != place && !rows.empty()) {
    const float row_top = static_cast<float>(current) * c.row_h;
    const float view_h = ImGui::GetWindowHeight();
    const float scroll = ImGui::GetScrollY();
    if (row_top < scroll + c.row_h || row_top + 2 * c.row_h > scroll + view_h)
      ImGui::SetScrollY(std::max(0.0f, row_top - view_h * 0.35f));
    followed_ = place;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float rows_top = ImGui::GetCursorScreenPos().y;
  const float visible_top = std::max(rows_top, ImGui::GetWindowPos().y);
  const float visible_bottom =
      std::min(rows_top + static_cast<float>(rows.size()) * c.row_h, ImGui::GetWindowPos().y + ImGui::GetWindowHeight());
  left_rect_ = ImVec4(c.x0(Half::left), visible_top, c.x0(Half::left) + c.ladder_w, visible_bottom);
  right_rect_ = ImVec4(c.x0(Half::right), visible_top, c.x0(Half::right) + c.ladder_w, visible_bottom);

  const std::vector<std::size_t> bands = role_bands(rows);
  // Shades and the current row first, so the lifelines are drawn over them and the arrows over those.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), c.row_h);
  std::optional<std::size_t> clicked;
  draw->ChannelsSplit(3);  // 0: shades of rows, 1: lifelines, 2: arrows and text
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const std::size_t index = static_cast<std::size_t>(r);
      const CompareRow& row = rows[index];
      const float top = ImGui::GetCursorScreenPos().y;
      ImGui::PushID(r);
      if (ImGui::InvisibleButton("##row", ImVec2(std::max(1.0f, c.width), c.row_h))) clicked = index;
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      draw->ChannelsSetCurrent(0);
      if (bands[index] % 2 == 1)  // every other band of roles faintly shaded
        draw->AddRectFilled(ImVec2(c.left, top), ImVec2(c.left + c.width, top + c.row_h), ui::palette().note_bg);
      if (index == current) {
        draw->AddRectFilled(ImVec2(c.left, top), ImVec2(c.left + c.width, top + c.row_h), ui::palette().current_row, 4);
      } else if (hovered) {
        draw->AddRectFilled(ImVec2(c.left, top), ImVec2(c.left + c.width, top + c.row_h),
                            ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f), 4);
      }
      draw->ChannelsSetCurrent(2);
      draw_role(draw, c, top, row, index == 0 || bands[index] != bands[index - 1]);
      for (Half half : kHalves) {
        const auto& cell = row.cell(half);
        const RunData& run = *compare.side(half).run;
        const bool only_here = cell && !row.cell(half == Half::left ? Half::right : Half::left);
        if (!cell) {
          draw_gap(draw, c, half, top);
          continue;
        }
        draw_cell(draw, c, half, top, run, *cell, only_here);
        // The whole title (a narrow ladder cuts it), its size and what an eavesdropper reads of it.
        const float mouse_x = ImGui::GetIO().MousePos.x;
        if (hovered && mouse_x >= c.x0(half) && mouse_x < c.x0(half) + c.ladder_w)
          ImGui::SetTooltip("%s", cell_tooltip(run, *cell).c_str());
      }
      if (compare.fork_row() == index) draw_fork(draw, c, top);
    }
  }
  clipper.End();
  draw->ChannelsSetCurrent(1);
  draw_lifelines(draw, c, visible_top, visible_bottom);
  draw->ChannelsMerge();
  ImGui::PopStyleVar();
  ImGui::EndChild();
  if (clicked) compare.jump_to_position(*clicked);
}

}  // namespace hl::app
