/* The side-by-side table of any chosen regions as a Word file (.docx), made in the browser with
 * no outside code: a few WordprocessingML parts in an uncompressed ZIP. Each region is a column;
 * each cell holds the value and, below it, its source (文号 and clause), so citations travel
 * into the official's paper. Opens in Word and WPS; python-docx reads it back in the tests. */
(function () {
  "use strict";
  var SWKB = window.SWKB = window.SWKB || {};
  // Label words, from swkb/catalog/labels.py (labels.js, generated, loads first).
  var LABELS = window.SWKB_LABELS;

  // ----- ZIP (stored, no compression) -----

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function zip(files) {
    var encoder = new TextEncoder(), chunks = [], central = [], offset = 0;
    function header(size) { var b = new DataView(new ArrayBuffer(size)); return b; }
    files.forEach(function (file) {
      var name = encoder.encode(file.name), data = encoder.encode(file.text), crc = crc32(data);
      var local = header(30);
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true);
      local.setUint16(8, 0, true); local.setUint16(10, 0, true); local.setUint16(12, 0x5021, true);
      local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true); local.setUint16(28, 0, true);
      var entry = header(46);
      entry.setUint32(0, 0x02014b50, true); entry.setUint16(4, 20, true); entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true); entry.setUint16(10, 0, true); entry.setUint16(12, 0, true); entry.setUint16(14, 0x5021, true);
      entry.setUint32(16, crc, true); entry.setUint32(20, data.length, true); entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true); entry.setUint32(42, offset, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (n, c) { return n + c.length; }, 0);
    var end = header(22);
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    return new Blob(chunks.concat(central, [new Uint8Array(end.buffer)]),
      { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }

  // ----- WordprocessingML -----

  function xml(value) {
    return String(value).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function run(text, options) {
    options = options || {};
    var props = (options.bold ? "<w:b/>" : "") + (options.size ? '<w:sz w:val="' + options.size + '"/>' : "");
    return "<w:r>" + (props ? "<w:rPr>" + props + "</w:rPr>" : "") + '<w:t xml:space="preserve">' + xml(text) + "</w:t></w:r>";
  }
  function paragraph(text, options) { return "<w:p>" + run(text, options) + "</w:p>"; }
  function cell(paragraphs, width, span) {
    return '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/>' + (span ? '<w:gridSpan w:val="' + span + '"/>' : "") +
      "</w:tcPr>" + (paragraphs || paragraph("")) + "</w:tc>";
  }

  function title(model) { return "地区对照：" + model.regions.map(function (r) { return r.n; }).join("、"); }
  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }
  function isoNow() { return new Date().toISOString().replace(/\.\d+Z$/, "Z"); }
  // What the file holds, in words: the rows and sections the page showed when it was saved.
  function scopeLine(model) {
    return "共 " + model.rowCount + " 项" + (model.onlyDifferent ? "(只看不同之处，全部 " + model.allRows + " 项中)" : "") +
      "；部分：" + model.topics.map(function (t) { return t.title; }).join("、") +
      (model.sectionsLeftOut && model.sectionsLeftOut.length ? "(未含：" + model.sectionsLeftOut.join("、") + ")" : "") + "。";
  }
  // Page numbers in the footer: 第 X 页 / 共 Y 页, as Word fields.
  function field(code) {
    return '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ' + code +
      ' </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  }
  function footerXml(model) {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>' +
      run(title(model) + "　第 ", { size: 16 }) + field("PAGE") + run(" 页 / 共 ", { size: 16 }) + field("NUMPAGES") + run(" 页", { size: 16 }) +
      "</w:p></w:ftr>";
  }
  function coreXml(model) {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      "<dc:title>" + xml(title(model)) + "</dc:title>" +
      "<dc:subject>" + xml(scopeLine(model)) + "</dc:subject>" +
      "<dc:creator>社工站政策知识库</dc:creator>" +
      "<cp:keywords>社工站;地区对照" + (model.version ? ";数据版本 " + xml(model.version) : "") + "</cp:keywords>" +
      "<dc:description>" + xml("数据版本 " + (model.version || "未知") + "；导出日期 " + today()) + "</dc:description>" +
      '<dcterms:created xsi:type="dcterms:W3CDTF">' + isoNow() + "</dcterms:created>" +
      "</cp:coreProperties>";
  }

  function documentXml(model) {
    var n = model.regions.length, landscape = n > 2;
    var usable = landscape ? 14570 : 9900;   // twentieths of a point inside the margins (A4)
    var first = 2300, mark = 900, width = Math.floor((usable - first - mark) / Math.max(n, 1));
    var grid = '<w:tblGrid><w:gridCol w:w="' + first + '"/><w:gridCol w:w="' + mark + '"/>' +
      model.regions.map(function () { return '<w:gridCol w:w="' + width + '"/>'; }).join("") + "</w:tblGrid>";
    var head = '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell(paragraph("项目", { bold: true }), first) +
      cell(paragraph("对照", { bold: true }), mark) +
      model.regions.map(function (r) {
        return cell(paragraph(r.n, { bold: true }) + (r.u ? paragraph(r.u, { size: 16 }) : ""), width);
      }).join("") + "</w:tr>";
    var rows = model.topics.map(function (topic) {
      return "<w:tr>" + cell(paragraph(topic.title, { bold: true }), first + mark + width * n, n + 2) + "</w:tr>" +
        topic.rows.map(function (row) {
          return "<w:tr>" + cell(paragraph(row.title), first) + cell(paragraph(row.verdict[1] || ""), mark) +
            row.cells.map(function (c) {
              var cites = SWKB.cellCitations(c);
              return cell(paragraph(SWKB.cellText(c)) + (cites ? paragraph("出处：" + cites, { size: 16 }) : ""), width);
            }).join("") + "</w:tr>";
        }).join("");
    }).join("");
    var border = '<w:top w:val="single" w:sz="4" w:color="808080"/><w:left w:val="single" w:sz="4" w:color="808080"/>' +
      '<w:bottom w:val="single" w:sz="4" w:color="808080"/><w:right w:val="single" w:sz="4" w:color="808080"/>' +
      '<w:insideH w:val="single" w:sz="4" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:color="808080"/>';
    var page = landscape ? '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' : '<w:pgSz w:w="11906" w:h="16838"/>';
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>' +
      paragraph(title(model), { bold: true, size: 32 }) +
      paragraph(scopeLine(model), { size: 20 }) +
      paragraph("来源：社工站政策知识库" + (model.version ? "，数据版本 " + model.version : "") + "；导出日期 " + today() +
        "。每格下方是出处(文号和条款)。“" + LABELS.NOT_STATED + "”：" + LABELS.NOT_STATED_HINT + "；“" +
        LABELS.NOT_COLLECTED + "”：本站尚未整理这一项。没有文号的文件写作《正式标题》（" + LABELS.NO_NUMBER +
        "）；标“" + LABELS.OUR_TITLE + "”的标题是本站拟的描述性标题，不是正式标题。", { size: 18 }) +
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>' + border + "</w:tblBorders>" +
      '<w:tblLayout w:type="fixed"/></w:tblPr>' + grid + head + rows + "</w:tbl>" +
      '<w:p/><w:sectPr><w:footerReference w:type="default" r:id="rId2"/>' + page + '<w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1000" w:header="500" w:footer="500" w:gutter="0"/></w:sectPr>' +
      "</w:body></w:document>";
  }

  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>' +
    '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/><w:sz w:val="20"/><w:lang w:eastAsia="zh-CN"/>' +
    '</w:rPr></w:rPrDefault></w:docDefaults></w:styles>';

  SWKB.docx = {
    // The .docx of a side-by-side model (SWKB.sideBySide()) as a Blob.
    build: function (model) {
      return zip([
        { name: "[Content_Types].xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
          '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>' },
        { name: "_rels/.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' },
        { name: "word/_rels/document.xml.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>' },
        { name: "word/styles.xml", text: STYLES },
        { name: "word/document.xml", text: documentXml(model) },
        { name: "word/footer1.xml", text: footerXml(model) },
        { name: "docProps/core.xml", text: coreXml(model) }
      ]);
    },
    download: function (model, filename) {
      var url = URL.createObjectURL(SWKB.docx.build(model));
      var link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }
  };
})();
