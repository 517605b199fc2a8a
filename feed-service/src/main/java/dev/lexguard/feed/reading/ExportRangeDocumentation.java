package dev.lexguard.feed.reading;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * An export's {@code from} and {@code to} are required ({@link ExportResource} answers 400 without them), while the
 * feed's, from the same {@link FeedFilterParams}, are not. The annotations sit on the shared bean and a method's
 * {@code @Parameter} does not reach a bean's field, so the document is told here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ExportRangeDocumentation implements OASFilter {

    private static final Set<String> EXPORTS = Set.of("/api/v1/feed/export/ndjson", "/api/v1/feed/export/csv");
    private static final Set<String> RANGE = Set.of("from", "to");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        EXPORTS.forEach(path -> {
            PathItem item = openAPI.getPaths().getPathItem(path);
            if (item == null || item.getGET() == null || item.getGET().getParameters() == null) {
                return;
            }
            for (Parameter parameter : item.getGET().getParameters()) {
                if (parameter.getIn() == Parameter.In.QUERY && RANGE.contains(parameter.getName())) {
                    parameter.setRequired(true);
                    parameter.setDescription(parameter.getDescription() + "; required for an export");
                }
            }
        });
    }
}
