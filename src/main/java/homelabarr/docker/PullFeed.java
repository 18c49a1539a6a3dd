package homelabarr.docker;

import com.github.dockerjava.api.model.PullResponseItem;

/**
 * Hands docker-java's pull messages to a {@link PullListener}. A failure can come two ways: as an error message
 * inside the stream (a missing tag) or as the stream's own error; the first one is kept and told at the end.
 */
final class PullFeed extends Feed<PullResponseItem> {
    private final PullListener listener;
    private volatile String failure;

    PullFeed(PullListener listener) {
        this.listener = listener;
    }

    @Override
    public void onNext(PullResponseItem item) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            if (failure == null) {
                failure = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
            return;
        }
        if (item.getId() != null && item.getStatus() != null) {
            listener.layer(item.getId(), item.getStatus(),
                    item.getProgressDetail() == null ? null : item.getProgressDetail().getCurrent(),
                    item.getProgressDetail() == null ? null : item.getProgressDetail().getTotal());
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // told to the user as the deployment's reason; the library would also log it as an error
        if (failure == null) {
            failure = EngineException.messageOf(throwable);
        }
        onComplete();
    }

    @Override
    public boolean awaitEnd(long millis) throws InterruptedException {
        boolean ended = super.awaitEnd(millis);
        if (ended && failure != null) {
            throw new EngineException(EngineException.Kind.FAILED, "pull an image", 0, failure, null);
        }
        return ended;
    }
}
