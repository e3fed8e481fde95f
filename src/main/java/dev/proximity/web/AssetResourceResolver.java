package dev.proximity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/** Lets Spring's resource handler (ranges, HEAD, content types) serve the catalog's fingerprinted files only. */
final class AssetResourceResolver implements ResourceResolver {

    private final AssetCatalog catalog;
    private final long loadedAtMillis = System.currentTimeMillis();

    AssetResourceResolver(AssetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Resource resolveResource(HttpServletRequest request, String requestPath,
            List<? extends Resource> locations, ResourceResolverChain chain) {
        return catalog.byPublicPath(AssetCatalog.PREFIX + requestPath)
                .map(asset -> (Resource) new AssetResource(asset, loadedAtMillis))
                .orElse(null);
    }

    @Override
    public String resolveUrlPath(String resourcePath, List<? extends Resource> locations,
            ResourceResolverChain chain) {
        return catalog.byLogicalPath(AssetCatalog.PREFIX + resourcePath)
                .map(asset -> asset.publicPath().substring(AssetCatalog.PREFIX.length()))
                .orElse(null);
    }

    private static final class AssetResource extends ByteArrayResource {

        private final String filename;
        private final long lastModified;

        AssetResource(Asset asset, long lastModified) {
            super(asset.content(), asset.publicPath());
            this.filename = asset.publicPath().substring(asset.publicPath().lastIndexOf('/') + 1);
            this.lastModified = lastModified;
        }

        @Override
        public String getFilename() {
            return filename; // the media type comes from the extension
        }

        @Override
        public long lastModified() {
            return lastModified;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
