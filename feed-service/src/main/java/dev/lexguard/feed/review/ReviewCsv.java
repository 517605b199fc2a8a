package dev.lexguard.feed.review;

import dev.lexguard.feed.reading.ExportResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review's evidence as CSV (RFC 4180, cells escaped as the feed's exports do, formula-looking cells neutralised): each
 * row repeats the review's columns, then one record of it.
 */
final class ReviewCsv {

    static final String HEADER = "reviewId,periodStart,completedAt,afterSeq,headSeq,headHash,reviewedBy,record,name,count,entryId,"
            + "entrySeq,entryType,occurredAt,text";

    private ReviewCsv() {
    }

    static String render(ReviewResponse review) {
        List<String> prefix = List.of(review.id().toString(), review.periodStart().toString(), review.completedAt().toString(),
                Long.toString(review.afterSeq()), Long.toString(review.head().seq()), review.head().hash(), review.reviewedBy().toString());
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        Digest digest = review.digest();
        line(out, prefix, "review", "note", Long.toString(digest.entries()), "", "", "", "", review.note());
        for (Map.Entry<String, Long> category : digest.byCategory().entrySet()) {
            line(out, prefix, "category", category.getKey(), category.getValue().toString(), "", "", "", "", "");
        }
        Digest.Sections s = digest.sections();
        Map<String, Digest.Section> sections = new LinkedHashMap<>();
        sections.put("unusualSignIns", s.unusualSignIns());
        sections.put("permissionChanges", s.permissionChanges());
        sections.put("accessListChanges", s.accessListChanges());
        sections.put("newShares", s.newShares());
        sections.put("extendedShares", s.extendedShares());
        sections.put("twoFactorChanges", s.twoFactorChanges());
        sections.put("exports", s.exports());
        for (Map.Entry<String, Digest.Section> section : sections.entrySet()) {
            line(out, prefix, "section", section.getKey(), Long.toString(section.getValue().count()), "", "", "", "", "");
            for (Digest.EntryLink link : section.getValue().entries()) {
                line(out, prefix, "section-entry", section.getKey(), "", link.id().toString(), "", "", "", link.href());
            }
        }
        for (FlaggedEntry f : review.flagged()) {
            line(out, prefix, "flagged", f.category(), "", f.id().toString(), Long.toString(f.seq()), f.type(), f.occurredAt().toString(),
                    f.summary());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> prefix, String... cells) {
        List<String> all = new ArrayList<>(prefix);
        for (String cell : cells) {
            all.add(cell == null ? "" : cell);
        }
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(ExportResource.cell(all.get(i)));
        }
        out.append("\r\n");
    }
}
