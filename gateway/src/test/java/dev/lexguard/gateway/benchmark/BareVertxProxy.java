package dev.lexguard.gateway.benchmark;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A reverse proxy with nothing but the pipe, for the gateway benchmark (a program, not a test; see
 * docs/benchmarks.md): Vert.x's HTTP server piped into its HTTP client and back, one client per event loop, no
 * token check, no header rules, no limits, no metrics. It is the floor for any proxy built on Vert.x and Netty
 * on this machine: what the gateway costs beyond it is the gateway's own work.
 *
 * <pre>java -cp ... dev.lexguard.gateway.benchmark.BareVertxProxy PORT UPSTREAM_PORT</pre>
 */
public final class BareVertxProxy extends AbstractVerticle {

    private final int port;
    private final int upstreamPort;

    private BareVertxProxy(int port, int upstreamPort) {
        this.port = port;
        this.upstreamPort = upstreamPort;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx();
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(() -> new BareVertxProxy(port, upstreamPort), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("BARE_VERTX_PROXY_READY port=" + port);
    }

    @Override
    public void start(Promise<Void> started) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        vertx.createHttpServer().requestHandler(request -> forward(client, request))
                .listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
    }

    private void forward(HttpClient client, HttpServerRequest request) {
        request.pause();
        client.request(new RequestOptions().setHost("127.0.0.1").setPort(upstreamPort)
                .setMethod(request.method()).setURI(request.uri()))
                .compose(upstreamRequest -> {
                    upstreamRequest.headers().setAll(request.headers());
                    return upstreamRequest.send(request);
                })
                .onSuccess(upstreamResponse -> {
                    request.response().setStatusCode(upstreamResponse.statusCode());
                    request.response().headers().setAll(upstreamResponse.headers());
                    request.response().send(upstreamResponse);
                })
                .onFailure(failure -> request.response().setStatusCode(502).end());
    }
}
