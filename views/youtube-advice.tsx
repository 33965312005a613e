import type { FC } from 'hono/jsx';
import { youtubeBlockAdvice } from '../src/domain/youtube-block.ts';

/** Under the cool-off banner: what kind of block it is and what the user can do about it. */
export const YoutubeAdvice: FC<{ reason?: string | undefined }> = ({ reason }) => {
  const advice = youtubeBlockAdvice(reason);
  return (
    <div class="youtube-advice" data-block={advice.kind}>
      <p>{advice.headline} Previewarr has already paused every download and starts again by itself. To be blocked less:</p>
      <ul>
        {advice.steps.map((step) => (
          <li>{step}</li>
        ))}
      </ul>
    </div>
  );
};
