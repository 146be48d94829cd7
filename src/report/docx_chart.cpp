// DrawingML bar charts for .docx: the chart part (data as literals, no embedded
// workbook) and the inline drawing that places it in the text.
#include <charconv>
#include <cmath>

#include "report/docx_parts.h"
#include "report/xml.h"

namespace ntm::report::docx {

namespace {

constexpr const char* kColors[] = {"2F5597", "C55A11", "548235", "BF9000", "7030A0", "2E75B6", "843C0C", "375623"};

// A value as the chart cache wants it: shortest round-trip form with a point decimal.
std::string plain(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string rich_title(const std::string& text, int size, bool bold) {
  std::string rpr = "sz=\"" + std::to_string(size) + "\" b=\"" + (bold ? "1" : "0") + "\"";
  return "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr " + rpr +
         "/></a:pPr><a:r><a:rPr lang=\"vi-VN\" " + rpr + "/><a:t>" + xml_escape(text) +
         "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>";
}

std::string number_format(int decimals) {
  return decimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(decimals), '0') : "#,##0";
}

}  // namespace

std::string chart_part(const Chart& c) {
  const bool column = c.kind == Chart::Kind::Column || c.line;
  const std::string fmt = xml_escape(number_format(c.decimals));
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
                  "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"" +
                  std::string(kNamespaceR) + "\"><c:roundedCorners val=\"0\"/><c:chart>";
  if (!c.title.empty()) s += rich_title(c.title, 1200, true) + "<c:autoTitleDeleted val=\"0\"/>";
  else s += "<c:autoTitleDeleted val=\"1\"/>";
  const bool line = c.line;
  if (line) s += "<c:plotArea><c:layout/><c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>";
  else
    s += "<c:plotArea><c:layout/><c:barChart><c:barDir val=\"" + std::string(column ? "col" : "bar") +
         "\"/><c:grouping val=\"" + (c.stacked ? "stacked" : "clustered") + "\"/><c:varyColors val=\"0\"/>";
  // Zero values get no label (the format's third section is empty).
  const std::string label_fmt = c.labels == Chart::Labels::All ? fmt : fmt + ";-" + fmt + ";";
  for (std::size_t k = 0; k < c.series.size(); ++k) {
    const Series& ser = c.series[k];
    std::string idx = std::to_string(k);
    std::string color = ser.color.empty() ? kColors[k % 8] : ser.color.substr(1);
    std::string shape = line ? "<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"" + color +
                                   "\"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/>"
                                   "<c:spPr><a:solidFill><a:srgbClr val=\"" + color + "\"/></a:solidFill></c:spPr></c:marker>"
                             : "<c:spPr><a:solidFill><a:srgbClr val=\"" + color + "\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>";
    s += "<c:ser><c:idx val=\"" + idx + "\"/><c:order val=\"" + idx + "\"/><c:tx><c:v>" + xml_escape(ser.name) +
         "</c:v></c:tx>" + shape;
    if (c.labels != Chart::Labels::None)
      s += "<c:dLbls><c:numFmt formatCode=\"" + label_fmt + "\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
           "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\"/></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>" +
           std::string(c.stacked ? "<c:dLblPos val=\"ctr\"/>" : line ? "<c:dLblPos val=\"t\"/>" : "<c:dLblPos val=\"outEnd\"/>") +
           "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>"
           "<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>";
    std::string count = "<c:ptCount val=\"" + std::to_string(c.categories.size()) + "\"/>";
    s += "<c:cat><c:strLit>" + count;
    for (std::size_t i = 0; i < c.categories.size(); ++i)
      s += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + xml_escape(c.categories[i]) + "</c:v></c:pt>";
    s += "</c:strLit></c:cat><c:val><c:numLit><c:formatCode>" + fmt + "</c:formatCode>" + count;
    for (std::size_t i = 0; i < ser.values.size(); ++i)
      if (std::isfinite(ser.values[i]))
        s += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + plain(ser.values[i]) + "</c:v></c:pt>";
    s += "</c:numLit></c:val></c:ser>";
  }
  if (line) {
    s += "<c:marker val=\"1\"/><c:axId val=\"50010\"/><c:axId val=\"50020\"/></c:lineChart>";
  } else {
    s += "<c:gapWidth val=\"60\"/>";
    if (c.stacked) s += "<c:overlap val=\"100\"/>";
    s += "<c:axId val=\"50010\"/><c:axId val=\"50020\"/></c:barChart>";
  }
  // Horizontal bars list the first category on top: reversed category axis, with the
  // value axis crossing at the far end so that it stays at the bottom.
  s += "<c:catAx><c:axId val=\"50010\"/><c:scaling><c:orientation val=\"" + std::string(column ? "minMax" : "maxMin") +
       "\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"" + (column ? "b" : "l") +
       "\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>"
       "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>" +
       // Long category names in small type on one line each, so that no viewer drops every other one.
       std::string(column ? "" : "<c:txPr><a:bodyPr rot=\"0\" vert=\"horz\" wrap=\"none\"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"800\"/></a:pPr>"
                                  "<a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>") +
       "<c:crossAx val=\"50020\"/>"
       "<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
       "<c:tickLblSkip val=\"1\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>";   // every category named, none skipped
  s += "<c:valAx><c:axId val=\"50020\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
       "<c:axPos val=\"" + std::string(column ? "l" : "b") + "\"/><c:majorGridlines/>";
  if (!c.value_axis.empty()) s += rich_title(c.value_axis, 1000, false);
  s += "<c:numFmt formatCode=\"" + fmt + "\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>"
       "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010\"/><c:crosses val=\"" +
       std::string(column ? "autoZero" : "max") + "\"/><c:crossBetween val=\"between\"/></c:valAx></c:plotArea>";
  if (c.series.size() > 1) s += "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>";
  s += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
       "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\"><a:latin typeface=\"Times New Roman\"/>"
       "<a:cs typeface=\"Times New Roman\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>"
       "</c:chartSpace>\n";
  return s;
}

std::string chart_drawing(const Chart& c, int n) {
  const long long cm = 360000;  // EMU per centimetre
  long long cx = 15 * cm;
  long long cy = c.kind == Chart::Kind::Column || c.line
                     ? 85 * cm / 10
                     : std::min(23 * cm, std::max(6 * cm, static_cast<long long>(c.categories.size()) *
                                                              (35 + 35 * static_cast<long long>(c.stacked ? 1 : c.series.size())) * cm / 100 +
                                                          5 * cm / 2));
  std::string id = std::to_string(n);
  return "<w:p><w:pPr><w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + std::to_string(cx) +
         "\" cy=\"" + std::to_string(cy) + "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"" + id +
         "\" name=\"Biểu đồ " + id + "\" descr=\"" + xml_escape(c.title) + "\"/><wp:cNvGraphicFramePr/>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
         "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"" + chart_rel(n) +
         "\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

}  // namespace ntm::report::docx
