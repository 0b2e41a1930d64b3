// lesson_body_html(): anchors resolved in the Markdown, md4c-html renders, links made inert.
#include "core/export/lesson_html.hpp"

#include <md4c-html.h>

#include <string_view>

#include "core/lessons/anchors.hpp"

namespace hl {
namespace {

constexpr std::string_view kAnchorOpen = "{step=";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Step number (from 1) of the first step a reference names, or 0.
std::size_t first_step(const Transcript& transcript, std::string_view ref) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i)
    if (step_matches(transcript.steps[i], ref)) return i + 1;
  return 0;
}

// "## The client says hello {step=ClientHello}" -> "## The client says hello ([step 1](#step-1))".
std::string resolve_anchor(std::string_view line, const Transcript& transcript) {
  const std::string_view text = trim(line);
  const std::size_t open = text.rfind(kAnchorOpen);
  if (text.empty() || text.front() != '#' || text.back() != '}' || open == std::string_view::npos) return std::string(line);
  const std::string_view ref = trim(text.substr(open + kAnchorOpen.size(), text.size() - open - kAnchorOpen.size() - 1));
  std::string heading(trim(text.substr(0, open)));
  const std::size_t step = first_step(transcript, ref);
  if (step == 0) return heading;
  const std::string number = std::to_string(step);
  return heading + " ([step " + number + "](#step-" + number + "))";
}

bool is_fence(std::string_view line) {
  line = trim(line);
  return line.starts_with("```") || line.starts_with("~~~");
}

// Every heading's anchor resolved; lines inside fenced code stay as written.
std::string resolve_anchors(std::string_view markdown, const Transcript& transcript) {
  std::string out;
  bool in_fence = false;
  for (std::size_t start = 0; start < markdown.size();) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = markdown.substr(start, end - start);
    if (is_fence(line)) in_fence = !in_fence;
    out += in_fence ? std::string(line) : resolve_anchor(line, transcript);
    out += '\n';
    start = end + 1;
  }
  return out;
}

// The value of the attribute that starts at html[pos] (just after `name="`), and where it ends.
std::string_view attribute_value(std::string_view html, std::size_t pos, std::size_t& out_end) {
  out_end = html.find('"', pos);
  if (out_end == std::string_view::npos) out_end = html.size();
  return html.substr(pos, out_end - pos);
}

// How a printed page names a link's target: another lesson by its id, anything else as written.
std::string target_text(const std::string& target) {
  const std::string_view lesson = lesson_link_id(target);
  return lesson.empty() ? target : "lesson " + std::string(lesson);
}

// Just past the '>' that closes the tag, searching from `from`; the end of html if there is none.
std::size_t after_tag(std::string_view html, std::size_t from) {
  const std::size_t close = html.find('>', from);
  return close == std::string_view::npos ? html.size() : close + 1;
}

// md4c-html writes links as <a href="T"> or <a href="T" title="...">, images as <img src="T" alt="A">
// (with an optional title, then " />" or ">"); text is always escaped, so these can only be its tags.
// Links within the page (#step-N) stay; others become a span and their target in brackets.
std::string inert_links(std::string_view html) {
  constexpr std::string_view kLink = "<a href=\"", kLinkEnd = "</a>", kImage = "<img src=\"", kAlt = " alt=\"";
  std::string out, target;
  std::size_t pos = 0;
  while (pos < html.size()) {
    std::size_t end = 0;
    if (html.compare(pos, kLink.size(), kLink) == 0) {
      target = attribute_value(html, pos + kLink.size(), end);
      const bool local = target.starts_with('#');
      out += local ? "<a href=\"" + target + "\">" : std::string("<span class=\"link\">");
      if (local) target.clear();
      pos = after_tag(html, end);
    } else if (html.compare(pos, kLinkEnd.size(), kLinkEnd) == 0) {
      out += target.empty() ? "</a>" : "</span> <span class=\"link-target\">[" + target_text(target) + "]</span>";
      target.clear();
      pos += kLinkEnd.size();
    } else if (html.compare(pos, kImage.size(), kImage) == 0) {
      const std::size_t alt = html.find(kAlt, pos);
      const std::string_view text = alt == std::string_view::npos ? "" : attribute_value(html, alt + kAlt.size(), end);
      out += "<span class=\"image\">[image: " + std::string(text) + "]</span>";
      pos = after_tag(html, alt == std::string_view::npos ? pos : end);
    } else {
      out += html[pos++];
    }
  }
  return out;
}

void append_chunk(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

}  // namespace

std::string lesson_body_html(const Lesson& lesson, const Transcript& transcript) {
  const std::string markdown = resolve_anchors(lesson.markdown, transcript);
  std::string html;
  // The lesson pane's dialect (markdown.cpp), with raw HTML shown as text rather than passed through.
  const unsigned flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_NOHTML;
  md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append_chunk, &html, flags, 0);
  return inert_links(html);
}

}  // namespace hl
