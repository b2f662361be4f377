import { Skeleton, SkeletonItem, makeStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: '24px 1fr 120px',
    columnGap: '8px',
    padding: '12px',
    alignItems: 'center',
  },
});

/** Rows' shapes while the first page loads. */
export function ListSkeleton() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Skeleton aria-label={t('list.loading')} aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className={styles.row}>
          <SkeletonItem shape="circle" size={24} />
          <SkeletonItem size={16} />
          <SkeletonItem size={12} />
        </div>
      ))}
    </Skeleton>
  );
}
